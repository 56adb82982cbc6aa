// The editor session re-analyzes only what an edit can reach, and keeps each handler's calls from one model to the
// next while the files they were computed from are unchanged. Here scripted edits that move things across files (a
// client's base URL, a shared client library's paths, a route's path, offsets shifted above handlers) are applied
// one after another as unsaved text, and after each the session must report exactly what a one-shot run over the
// same texts reports. (test/fuzz.test.ts does the same with random edits.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze.js';
import { WorkspaceSession } from '../server/src/engine/session/index.js';
import type { Finding } from '../server/src/engine/types.js';
import { removeShopCopies, shopCopy } from './support/shop-copies.js';

afterAll(removeShopCopies);

const keys = (findings: readonly Finding[]) => findings.map((f) => `${f.file}:${f.start}-${f.end} ${f.ruleId} ${f.message}`).sort();

interface Edit {
  what: string;
  file: string;
  from: string | RegExp;
  to: string;
}

const EDITS: Edit[] = [
  { what: "a client's base URL now names another service", file: 'services/gateway/src/clients.ts', from: "baseURL: process.env.ORDERS_URL ?? 'http://orders:3000'", to: "baseURL: 'http://payments:3000'" },
  { what: 'lines inserted above the handlers of a route file', file: 'services/gateway/src/routes/orders.ts', from: /^/, to: '// one\n// two\n// three\n' },
  { what: "a shared client library's path changes", file: 'packages/inventory-client/src/index.ts', from: '`/items/${encodeURIComponent(sku)}/stock`', to: '`/stock/${encodeURIComponent(sku)}`' },
  { what: 'the base URL comes back', file: 'services/gateway/src/clients.ts', from: "baseURL: 'http://payments:3000'", to: "baseURL: process.env.ORDERS_URL ?? 'http://orders:3000'" },
];

describe('the editor session agrees with a one-shot run after every edit', () => {
  it('for edits whose effects cross files and services', async () => {
    const root = shopCopy('differential');
    const session = await WorkspaceSession.open(root, { allowGit: false });
    await session.analyze();
    const texts = new Map<string, string>();
    for (const edit of EDITS) {
      const path = join(root, edit.file);
      const before = texts.get(path) ?? readFileSync(path, 'utf8');
      const after = before.replace(edit.from, edit.to);
      expect(after, `${edit.what}: the edit applies`).not.toBe(before);
      texts.set(path, after);
      session.updateFile(path, after);
      const result = await session.analyze();
      expect(result.complete).toBe(true);
      const seen = session.filesWithFindings().flatMap((file) => [...session.findingsOf(file)]);

      const disk = shopCopy('differential');
      for (const [file, text] of texts) writeFileSync(join(disk, file.slice(root.length + 1)), text);
      const oneShot = await analyze({ paths: [disk], allowGit: false });
      const relocated = (findings: readonly Finding[], from: string) => keys(findings).map((key) => key.split(from).join('<root>'));
      expect(relocated(seen, root), edit.what).toEqual(relocated(oneShot.findings, disk));
    }
  }, 120_000);
});
