export * from './lib/redis';
