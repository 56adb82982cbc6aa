// Runs the real `git` executable. Never through a shell: arguments go to the process as an array, so a ref or a path
// is never read as shell syntax. Only read-only commands are used (rev-parse, merge-base, ls-tree, cat-file), and
// optional locks are off so a concurrent `git` in the user's terminal is never blocked by us.
import { execFile } from 'node:child_process';

export type GitOutcome =
  | { ok: true; stdout: Buffer }
  /** 'missing': no `git` executable on PATH; 'failed': git ran and exited non-zero (its stderr says why). */
  | { ok: false; reason: 'missing' | 'failed'; code?: number; stderr: string };

/** Tree listings and blob batches of a large monorepo are big; a bounded buffer still protects against runaway output. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

export function runGit(cwd: string, args: readonly string[], input?: string): Promise<GitOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: MAX_OUTPUT_BYTES,
        windowsHide: true,
        // No credential prompts (nothing here talks to a remote, but a misconfigured helper must never wait on a TTY),
        // no optional index refresh locks, and messages in English so reasons can be recognised.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, stdout });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') resolve({ ok: false, reason: 'missing', stderr: '' });
        else resolve({ ok: false, reason: 'failed', code: typeof code === 'number' ? code : undefined, stderr: stderr.toString('utf8').trim() });
      },
    );
    // A child that exits before reading its input (a bad object id) must not crash us with EPIPE.
    child.stdin?.on('error', () => undefined);
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** The first line of git's complaint, for a one-line notice. */
export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.replace(/^(fatal|error):\s*/i, '') ?? '';
}
