import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStylish } from './stylish.js';
import { CYCLE, HARDCODED, MISSING_TIMEOUT, PLAIN, ROOT, sampleResult } from './test-data.js';

describe('stylish', () => {
  it('groups by file with position, severity, message, rule id, a code frame and a summary', () => {
    expect(formatStylish(sampleResult(), PLAIN)).toBe(
      [
        '',
        'services/orders/src/app.ts',
        '  3:1   error    orders → inventory → orders is a cycle: the services cannot be deployed independently.  cyclic-service-dependency',
        '    2 | const app = express();',
        "  > 3 | app.get('/orders/:id', async (req, res) => {",
        '      | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        "    4 | \tconst item = await fetch('http://inventory:3000/items/1');",
        '',
        '  4:21  warning  GET inventory/items/:id has no timeout: 50% of "slow" calls, <never> ending & retried.  missing-timeout',
        "    3 | app.get('/orders/:id', async (req, res) => {",
        "  > 4 | \tconst item = await fetch('http://inventory:3000/items/1');",
        '      | \t                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '    5 |   res.json(await item.json());',
        '      ↳ services/inventory/src/server.ts:3:1  handler of GET /items/:id',
        '',
        'services/inventory/src/server.ts',
        '  4:12  info  Port 3000, host: hardcoded  hardcoded-endpoint',
        "    3 | app.get('/items/:id', (req, res) => res.json({ id: req.params.id }));",
        '  > 4 | app.listen(3000);',
        '      |            ^^^^',
        '    5 |',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  1 problem is fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('never shows the \\r of CRLF lines in the frame', () => {
    const output = formatStylish(sampleResult([HARDCODED]), PLAIN);
    expect(output).not.toContain('\r');
    expect(output).toContain('  4:12  info  Port 3000');
  });

  it('shows paths relative to the working directory, not the workspace root', () => {
    const output = formatStylish(sampleResult([MISSING_TIMEOUT]), { ...PLAIN, cwd: path.join(ROOT, 'services') });
    expect(output.split('\n')[1]).toBe(path.join('orders', 'src', 'app.ts'));
    expect(output).toContain(`↳ ${path.join('inventory', 'src', 'server.ts')}:3:1`);
  });

  it('pluralizes the summary and omits the fixable line when nothing is fixable', () => {
    const output = formatStylish(sampleResult([CYCLE]), PLAIN);
    expect(output.trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings, 0 infos)');
  });

  it('colours only when asked', () => {
    expect(formatStylish(sampleResult(), PLAIN)).not.toContain('\x1b[');
    const coloured = formatStylish(sampleResult(), { ...PLAIN, color: true });
    expect(coloured).toContain('\x1b[31merror');
    expect(coloured).toContain('\x1b[33mwarning');
  });

  it('says there are no problems, except under --quiet', () => {
    expect(formatStylish(sampleResult([]), PLAIN)).toBe('✔ No problems found.\n');
    expect(formatStylish(sampleResult([]), { ...PLAIN, quiet: true })).toBe('');
  });
});
