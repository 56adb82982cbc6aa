export * from './lib/mongo';
export * from './lib/report.model';
