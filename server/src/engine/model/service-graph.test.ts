// The synchronous service graph: every request/reply call is an edge; only calls the caller waits for make chains and cycles.
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { createTempWorkspace, removeTempWorkspaces } from '../workspace/temp-workspace.js';

afterEach(removeTempWorkspaces);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('service graph', () => {
  it('draws a request nobody waits for as an edge, but no cycle runs through it', async () => {
    const root = createTempWorkspace({
      'services/users/src/main.ts': lines(
        "import express from 'express';",
        'const app = express();',
        "app.post('/users', async (_req, res) => {",
        "  void fetch('http://mailer:3000/mails', { method: 'POST', signal: AbortSignal.timeout(1000) });",
        '  res.status(201).end();',
        '});',
        "app.get('/users/:id', (_req, res) => { res.json({}); });",
        'app.listen(3000);',
      ),
      'services/mailer/src/main.ts': lines(
        "import express from 'express';",
        'const app = express();',
        "app.post('/mails', async (_req, res) => {",
        "  const user = await fetch('http://users:3000/users/1', { signal: AbortSignal.timeout(1000) });",
        '  res.json(await user.json());',
        '});',
        'app.listen(3000);',
      ),
    });
    const graph = (await analyze({ paths: [root], onlyRules: [] })).model.serviceGraph();
    expect(graph.edges.map((edge) => `${edge.from} -> ${edge.to} ${edge.kind} ${edge.label}`).sort()).toEqual([
      'mailer -> users sync GET /users/:id',
      'users -> mailer sync POST /mails',
    ]);
    expect(graph.cycles).toEqual([]);
  });
});
