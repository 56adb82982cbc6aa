import { Router } from 'express';
import { Queue } from 'bullmq';
import { Report } from '@acme/shared/mongo';
import { REPORTS_QUEUE, redisConnection, type ReportJob } from '@acme/shared/redis';

const reports = new Queue<ReportJob>(REPORTS_QUEUE, { connection: redisConnection() });

export const reportsRouter = Router();

reportsRouter.post('/', async (req, res) => {
  const report = await Report.create({ accountId: req.body.accountId, format: req.body.format });
  await reports.add(
    'render',
    { reportId: String(report._id), accountId: report.accountId, format: report.format as ReportJob['format'] },
    { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnFail: { age: 7 * 24 * 3600 } },
  );
  res.status(202).json({ id: String(report._id), status: report.status });
});

reportsRouter.get('/:id', async (req, res) => {
  const report = await Report.findById(req.params.id).lean();
  if (!report) {
    res.sendStatus(404);
    return;
  }
  res.json({ id: String(report._id), status: report.status, url: report.url });
});
