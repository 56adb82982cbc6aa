import axios from 'axios';

/** Queues a report through the running api and returns its id. */
export async function queueReport(accountId: string, format: 'csv' | 'pdf' = 'csv'): Promise<string> {
  const response = await axios.post('http://localhost:3000/api/reports', { accountId, format });
  return response.data.id;
}

export async function reportStatus(id: string): Promise<string> {
  const response = await axios.get(`http://localhost:3000/api/reports/${id}`);
  return response.data.status;
}
