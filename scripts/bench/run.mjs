// `npm run bench`: on generated monorepos, seamlint cold and warm (cache) runs, peak RSS, and the language server's
// edit-to-diagnostics latency, each next to `tsc --noEmit` on the same tree. Prints a table and writes JSON.
// Times are wall-clock medians of a few runs; run it on an otherwise idle machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo } from './generate.mjs';
import { measureEditLatency } from './lsp-latency.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = join(repo, '.seamlint-tmp', 'bench');
const TREES = process.argv.includes('--quick') ? [{ services: 5, filesPerService: 40 }] : [{ services: 10, filesPerService: 200 }, { services: 40, filesPerService: 120 }];
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

/** Runs a command under /usr/bin/time: wall seconds and peak RSS in MB. */
function timed(command, args, cwd) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = run.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kilobytes] = last.split(' ').map(Number);
  if (![0, 1].includes(run.status ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  return { seconds, rssMb: kilobytes / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function repeat(times, measure) {
  const runs = Array.from({ length: times }, measure);
  return { seconds: median(runs.map((r) => r.seconds)), rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

const cli = join(repo, 'bin', 'seamlint.js');
const tscBin = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(join(repo, 'dist', 'cli.js'))) throw new Error('build first: npm run build');
mkdirSync(scratch, { recursive: true });

const results = [];
for (const tree of TREES) {
  const root = join(scratch, `${tree.services}x${tree.filesPerService}`);
  const { files } = generateMonorepo(root, tree);
  const tsc = repeat(REPEAT, () => timed(process.execPath, [tscBin, '-p', join(root, 'tsconfig.json'), '--noEmit'], root));
  const cold = repeat(REPEAT, () => {
    rmSync(join(root, 'node_modules', '.cache'), { recursive: true, force: true });
    return timed(process.execPath, [cli, 'check', root, '--format', 'json'], root);
  });
  timed(process.execPath, [cli, 'check', root, '--format', 'json'], root); // fill the cache
  const warm = repeat(REPEAT, () => timed(process.execPath, [cli, 'check', root, '--format', 'json'], root));
  const edits = Number(process.env.BENCH_EDITS ?? 100);
  const measure = (mode) => measureEditLatency(repo, root, { edits, mode }).catch((error) => ({ mode, error: String(error.message ?? error) }));
  const latency = await measure('pull');
  const pushLatency = await measure('push');
  results.push({
    tree: `${tree.services} services × ${tree.filesPerService} files`,
    files,
    tsc,
    cold: { ...cold, ratio: cold.seconds / tsc.seconds },
    warm: { ...warm, ratio: warm.seconds / tsc.seconds },
    rssRatio: Math.max(cold.rssMb, warm.rssMb) / tsc.rssMb,
    editToDiagnostics: latency,
    editToPushedDiagnostics: pushLatency,
  });
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
const row = (cells) => `| ${cells.join(' | ')} |`;
console.log(row(['tree', 'files', 'tsc --noEmit', 'seamlint cold', 'cold / tsc', 'seamlint warm', 'warm / tsc', 'peak RSS seamlint / tsc', 'edit→diagnostics p50 / p95 (pull)', '(push, 150 ms debounce)']));
console.log(row(Array(10).fill('---')));
const latencyCell = (latency) => (latency.error ? `failed: ${latency.error}` : `${latency.p50.toFixed(0)} ms / ${latency.p95.toFixed(0)} ms`);
for (const r of results) {
  console.log(row([r.tree, r.files, `${r.tsc.seconds.toFixed(2)} s`, `${r.cold.seconds.toFixed(2)} s`, r.cold.ratio.toFixed(2), `${r.warm.seconds.toFixed(2)} s`, r.warm.ratio.toFixed(3), `${Math.max(r.cold.rssMb, r.warm.rssMb).toFixed(0)} / ${r.tsc.rssMb.toFixed(0)} MB (${r.rssRatio.toFixed(2)})`, latencyCell(r.editToDiagnostics), latencyCell(r.editToPushedDiagnostics)]));
}
const out = join(repo, 'bench-results.json');
writeFileSync(out, `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log(`\n${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}; JSON: ${out}`);
