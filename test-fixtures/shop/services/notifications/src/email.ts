import { spawn } from 'node:child_process';
import { createLogger } from '@shop/logger';
import { Queue, Worker } from 'bullmq';

const log = createLogger('notifications').child({ component: 'email' });

export interface EmailJob {
  to: string;
  subject: string;
  text: string;
}

const connection = { url: process.env.REDIS_URL ?? 'redis://redis:6379' };
const MAIL_FROM = process.env.MAIL_FROM ?? 'Shop <no-reply@shop.example>';

export const emailQueue = new Queue<EmailJob>('emails', { connection });

/** Hands the message to the container's sendmail (an msmtp relay in production). */
function sendmail(email: EmailJob): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sendmail', ['-t', '-i'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`sendmail exited with ${code}: ${stderr.trim()}`));
    });
    child.stdin.end(`From: ${MAIL_FROM}\nTo: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`);
  });
}

export function startEmailWorker(): Worker<EmailJob> {
  const worker = new Worker<EmailJob>('emails', async (job) => sendmail(job.data), { connection, concurrency: 5 });
  worker.on('failed', (job, err) => {
    log.warn('email failed', { jobId: job?.id, attemptsMade: job?.attemptsMade, err });
  });
  return worker;
}

export function formatAmount(amountCents: number, currency: string): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(amountCents / 100);
}
