import { queueReport, reportStatus } from '../support/reports-api';

describe('POST /api/reports', () => {
  it('queues a report', async () => {
    const id = await queueReport('acct-1');
    expect(await reportStatus(id)).toMatch(/queued|running|done/);
  });
});
