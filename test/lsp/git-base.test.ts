// breaking-contract-change in the editor: the server compares unsaved contract edits with the git base of a real
// repository, and in an untrusted workspace (allowGit: false) it never runs git at all — checked with a `git` on the
// server's PATH that logs each invocation before handing over to the real one.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CONTRACT = 'packages/contracts/src/orders.ts';
const RULE = 'breaking-contract-change';

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** A shop copy committed to a fresh repository, and a PATH whose `git` logs to `log` and runs the real git. */
function committedShop(): { root: string; env: NodeJS.ProcessEnv; log: string } {
  const root = copyShop();
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the shop');
  const bin = join(root, '..', 'fake-bin');
  mkdirSync(bin, { recursive: true });
  const log = join(root, '..', 'git-calls.log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$@" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(realGit)} "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return { root, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, log };
}

const withoutPaymentId = (text: string) => {
  const edited = text.replace('  paymentId: string | null;\n', '');
  expect(edited).not.toBe(text);
  return edited;
};

describe('breaking-contract-change in the language server', () => {
  it('reports an unsaved contract change against the git base', async () => {
    const { root, env, log } = committedShop();
    client = await TestClient.start(root, { pull: true, env, settings: { base: 'HEAD' } });
    await client.waitUntilReady();
    await client.open(CONTRACT);
    expect((await client.diagnostics(CONTRACT)).filter((d) => d.code === RULE)).toEqual([]);
    await client.change(CONTRACT, withoutPaymentId(readFileSync(client.path(CONTRACT), 'utf8')));
    const [finding] = (await client.waitForDiagnostics(CONTRACT, (list) => list.some((d) => d.code === RULE))).filter((d) => d.code === RULE);
    expect(finding!.message).toContain('`OrderDto.paymentId` was removed from a response contract');
    expect(finding!.relatedInformation?.map((r) => r.location.uri)).toEqual(expect.arrayContaining([client.uri('services/gateway/src/routes/orders.ts')]));
    // The logging git saw the server's calls (so its silence in the untrusted test means something).
    expect(readFileSync(log, 'utf8')).toMatch(/rev-parse|ls-tree|cat-file/);
  });

  it('never runs git in an untrusted workspace, and the rule stays silent', async () => {
    const { root, env, log } = committedShop();
    client = await TestClient.start(root, { pull: true, env, settings: { base: 'HEAD', allowGit: false } });
    await client.waitUntilReady();
    await client.open(CONTRACT);
    await client.change(CONTRACT, withoutPaymentId(readFileSync(client.path(CONTRACT), 'utf8')));
    const list = await client.waitForDiagnostics(CONTRACT, () => true);
    expect(list.filter((d) => d.code === RULE)).toEqual([]);
    await client.open('services/gateway/src/clients.ts');
    await client.waitForDiagnostics('services/gateway/src/clients.ts', (items) => items.some((d) => d.code === 'missing-timeout'));
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });
});
