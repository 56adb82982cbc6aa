import type { ReportJob } from '@acme/shared/redis';

export async function renderReport(job: ReportJob): Promise<string> {
  // Rendering is stubbed: a real worker writes the file to object storage.
  return `reports/${job.accountId}/${job.reportId}.${job.format}`;
}
