// A small hand-built analysis result shared by the format and CLI tests: two services, a CRLF file, a multi-file fix,
// and messages with characters every format has to escape.
import * as path from 'node:path';
import { docsUrlFor, type RuleMeta } from '../../engine/rule-api.js';
import type { Finding } from '../../engine/types.js';
import type { ReportInput } from './types.js';

export const ROOT = path.resolve('/ws/shop');
export const ORDERS_FILE = path.join(ROOT, 'services/orders/src/app.ts');
export const INVENTORY_FILE = path.join(ROOT, 'services/inventory/src/server.ts');
export const CLIENT_FILE = path.join(ROOT, 'services/orders/src/inventory-client.ts');

export const ORDERS_TEXT = [
  "import express from 'express';",
  'const app = express();',
  "app.get('/orders/:id', async (req, res) => {",
  "\tconst item = await fetch('http://inventory:3000/items/1');",
  '  res.json(await item.json());',
  '});',
  '',
].join('\n');

// CRLF line endings: a \r belongs to its line, so columns must not shift and code frames must not show it.
export const INVENTORY_TEXT = [
  "import express from 'express';",
  'const app = express();',
  "app.get('/items/:id', (req, res) => res.json({ id: req.params.id }));",
  'app.listen(3000);',
  '',
].join('\r\n');

export const CLIENT_TEXT = 'export const inventoryUrl = "http://inventory:3000";\n';

/** Offset of the `occurrence`-th `snippet` in `text`. */
export function offsetOf(text: string, snippet: string, occurrence = 1): number {
  let offset = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    offset = text.indexOf(snippet, offset + 1);
    if (offset < 0) throw new Error(`'${snippet}' not found`);
  }
  return offset;
}

function rule(id: string, category: RuleMeta['category'], severity: RuleMeta['severity'], fix: RuleMeta['fix'], description: string): RuleMeta {
  return { id, category, severity, fix, description, options: {}, docsUrl: docsUrlFor(id) };
}

export const RULES: RuleMeta[] = [
  rule('cyclic-service-dependency', 'synchronous-coupling', 'error', 'none', 'Services must not call each other in a cycle.'),
  rule('hardcoded-endpoint', 'coupling', 'info', 'unsafe', 'Service URLs should come from configuration.'),
  rule('missing-timeout', 'failure-handling', 'warning', 'safe', 'Remote calls must have a timeout.'),
  rule('remote-call-in-loop', 'synchronous-coupling', 'off', 'unsafe', 'No remote call per element of a collection.'),
];

const fetchStart = offsetOf(ORDERS_TEXT, "fetch('");
const fetchCallEnd = offsetOf(ORDERS_TEXT, "/1')") + "/1')".length;
const handlerStart = offsetOf(INVENTORY_TEXT, "app.get('/items/:id'");

export const MISSING_TIMEOUT: Finding = {
  ruleId: 'missing-timeout',
  severity: 'warning',
  file: ORDERS_FILE,
  start: fetchStart,
  end: fetchCallEnd,
  message: 'GET inventory/items/:id has no timeout: 50% of "slow" calls, <never> ending & retried.',
  related: [{ file: INVENTORY_FILE, start: handlerStart, end: handlerStart + 7, message: 'handler of GET /items/:id' }],
  fixes: [
    {
      title: 'Add `signal: AbortSignal.timeout(10000)`',
      kind: 'safe',
      edits: { [ORDERS_FILE]: [{ start: fetchCallEnd - 1, end: fetchCallEnd - 1, newText: ', { signal: AbortSignal.timeout(10000) }' }] },
    },
  ],
  fingerprint: 'fp-missing-timeout-1',
};

export const CYCLE: Finding = {
  ruleId: 'cyclic-service-dependency',
  severity: 'error',
  file: ORDERS_FILE,
  // Spans two lines: from `app.get(` on line 3 into line 4.
  start: offsetOf(ORDERS_TEXT, "app.get('/orders"),
  end: offsetOf(ORDERS_TEXT, 'const item'),
  message: 'orders → inventory → orders is a cycle:\nthe services cannot be deployed independently.',
  related: [],
  fixes: [],
};

export const HARDCODED: Finding = {
  ruleId: 'hardcoded-endpoint',
  severity: 'info',
  file: INVENTORY_FILE,
  start: offsetOf(INVENTORY_TEXT, '3000'),
  end: offsetOf(INVENTORY_TEXT, '3000') + 4,
  message: 'Port 3000, host: hardcoded',
  related: [],
  // Unsafe, and it edits two files: the flagged one and a client module.
  fixes: [
    {
      title: 'Read the port from PORT',
      kind: 'unsafe',
      edits: {
        [INVENTORY_FILE]: [{ start: offsetOf(INVENTORY_TEXT, '3000'), end: offsetOf(INVENTORY_TEXT, '3000') + 4, newText: 'Number(process.env.PORT)' }],
        [CLIENT_FILE]: [{ start: 0, end: CLIENT_TEXT.length - 1, newText: '' }],
      },
    },
  ],
};

export function sampleResult(findings: Finding[] = [CYCLE, MISSING_TIMEOUT, HARDCODED]): ReportInput {
  return {
    root: ROOT,
    findings,
    rules: RULES,
    services: [
      { name: 'inventory', root: path.join(ROOT, 'services/inventory') },
      { name: 'orders', root: path.join(ROOT, 'services/orders') },
    ],
    texts: new Map([
      [ORDERS_FILE, ORDERS_TEXT],
      [INVENTORY_FILE, INVENTORY_TEXT],
      [CLIENT_FILE, CLIENT_TEXT],
    ]),
  };
}

export const PLAIN = { color: false, cwd: ROOT, toolVersion: '1.2.3' };
