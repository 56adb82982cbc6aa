export * from './logger';
export * from './events';
export * from './errors';
