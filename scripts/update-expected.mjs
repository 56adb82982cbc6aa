// Rewrites test-fixtures/<name>/expected.json from what the CLI reports now. Only for after you have checked every
// difference by hand against the fixture's README (what is seeded, and the clean look-alikes that must stay quiet).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(repo, 'test-fixtures', process.argv[2] ?? 'shop');
const run = spawnSync(process.execPath, [join(repo, 'bin', 'seamlint.js'), 'check', fixture, '--format', 'json'], { cwd: fixture, encoding: 'utf8', maxBuffer: 1 << 28 });
if (![0, 1].includes(run.status ?? -1)) throw new Error(run.stderr);
const rows = JSON.parse(run.stdout).findings
  .map(({ ruleId, file, line, column }) => ({ ruleId, file, line, column }))
  .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
writeFileSync(join(fixture, 'expected.json'), `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`);
console.log(`${rows.length} findings written to ${join(fixture, 'expected.json')}`);
