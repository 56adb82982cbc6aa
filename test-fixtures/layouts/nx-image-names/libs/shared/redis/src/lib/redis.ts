import type { ConnectionOptions } from 'bullmq';

export const REPORTS_QUEUE = 'reports';

export interface ReportJob {
  reportId: string;
  accountId: string;
  format: 'csv' | 'pdf';
}

export function redisConnection(): ConnectionOptions {
  return {
    host: process.env.REDIS_HOST ?? 'localhost',
    port: Number(process.env.REDIS_PORT ?? 6379),
    maxRetriesPerRequest: null,
  };
}
