// Queues demo report jobs on a local stack: npm run seed:jobs (after docker compose up).
import axios from 'axios';

async function main() {
  for (const accountId of ['acct-1', 'acct-2', 'acct-3']) {
    const { data } = await axios.post('http://localhost:3000/api/reports', { accountId, format: 'pdf' });
    console.log('queued', data.id);
  }
}

main();
