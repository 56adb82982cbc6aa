import { Worker } from 'bullmq';
import { connectMongo, Report } from '@acme/shared/mongo';
import { REPORTS_QUEUE, redisConnection, type ReportJob } from '@acme/shared/redis';
import { renderReport } from './render';

async function bootstrap() {
  await connectMongo();

  const worker = new Worker<ReportJob>(
    REPORTS_QUEUE,
    async (job) => {
      await Report.updateOne({ _id: job.data.reportId }, { status: 'running' });
      const url = await renderReport(job.data);
      await Report.updateOne({ _id: job.data.reportId }, { status: 'done', url });
    },
    { connection: redisConnection(), concurrency: 4 },
  );

  worker.on('failed', async (job) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await Report.updateOne({ _id: job.data.reportId }, { status: 'failed' });
    }
  });

  process.on('SIGTERM', () => void worker.close());
}

bootstrap();
