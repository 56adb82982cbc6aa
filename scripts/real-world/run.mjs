#!/usr/bin/env node
// The real-world measurement kit: runs the built seamlint over checkouts of public monorepos and compares what it
// finds with labels written by hand before seamlint ever ran on them (labels/<repo>.tsv; format in README.md).
// Not run by CI: the repositories are not committed, only facts about them.
//
//   npm run real-world -- <folder with checkouts> [--only <repo>] [--sample <n>] [--seed <n>] [--json <file>]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabels } from './labels.mjs';
import { compareEdges, compareServices, compareSmells } from './compare.mjs';
import { seededSample } from './sample.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const CLI = resolve(HERE, '../../bin/seamlint.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    sample: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const checkouts = positionals[0];
if (!checkouts) {
  console.error('usage: npm run real-world -- <folder with checkouts> [--only <repo>] [--sample <n>] [--seed <n>] [--json <file>]');
  process.exit(2);
}

const labelFiles = readdirSync(join(HERE, 'labels')).filter((name) => name.endsWith('.tsv')).sort();
const results = [];
for (const labelFile of labelFiles) {
  const name = labelFile.replace(/\.tsv$/, '');
  if (values.only && values.only !== name) continue;
  const labels = readLabels(join(HERE, 'labels', labelFile));
  const repo = resolve(checkouts, name);
  if (!existsSync(repo)) {
    console.log(`\n## ${name}: not checked out at ${repo} (fetch ${labels.repo} and check out ${labels.commit})`);
    continue;
  }
  results.push(measure(name, repo, labels));
}
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
printTotals(results);

function measure(name, repo, labels) {
  const head = git(repo, ['rev-parse', 'HEAD']);
  console.log(`\n## ${name} — ${labels.repo} @ ${labels.commit.slice(0, 12)}${head && head !== labels.commit ? ` (CHECKOUT IS AT ${head.slice(0, 12)}: figures do not match the labels)` : ''}`);
  console.log(`   ${labels.shape}`);
  // One run reports in every code role (config include: everything), so the findings a default run would drop can be
  // counted by role; a finding without a role is production code, which is all a default run reports.
  const config = join(mkdtempSync(join(tmpdir(), 'seamlint-real-world-')), 'seamlint.config.json');
  writeFileSync(config, JSON.stringify({ include: ['**/*'] }));
  const started = performance.now();
  const check = runSeamlint(['check', repo, '--format', 'json', '--no-cache', '--config', config]);
  const seconds = (performance.now() - started) / 1000;
  const graph = runSeamlint(['graph', repo, '--format', 'json', '--config', config]);
  if (!check.report || !graph.report) {
    console.log(`   seamlint failed: ${check.error ?? graph.error}`);
    return { name, error: check.error ?? graph.error };
  }
  const findings = check.report.findings;
  const production = findings.filter((finding) => !finding.role);
  const services = compareServices(labels, check.report.services);
  const edges = compareEdges(labels, graph.report);
  const smells = compareSmells(labels, production);

  console.log(`   ${check.report.services.length} services found, ${services.right.length} right; labelled ${services.labelled.length}, found ${services.foundLabelled.length} (recall ${percent(services.foundLabelled.length, services.labelled.length)}, precision ${percent(services.right.length, services.judged.length)}) · ${seconds.toFixed(1)} s`);
  for (const wrong of services.wrong) console.log(`     not a service: ${wrong.root} (${wrong.name})${wrong.label ? ` — labelled ${wrong.label}` : ''}`);
  for (const missed of services.missed) console.log(`     missed service: ${missed.root} (${missed.name})`);
  console.log(`   edges: ${graph.report.edges.length} found, ${edges.right.length} right (between labelled services, as labelled); labelled ${edges.labelled.length}, found ${edges.found.length} (${percent(edges.found.length, edges.labelled.length)})`);
  for (const missed of edges.missed.slice(0, 6)) console.log(`     missed edge: ${missed.caller} → ${missed.callee} ${missed.kind} ${missed.channel}`);
  console.log(`   labelled smells found: ${smells.found.length}/${smells.labelled.length}`);
  for (const { smell, finding } of smells.matches) console.log(`     found ${smell.rule} ${smell.location}${finding ? '' : ''}`);
  for (const missed of smells.missed) console.log(`     missed ${missed.rule} ${missed.location} — ${missed.why}`);
  console.log(`   findings in production code by rule: ${formatCounts(countBy(production, (finding) => finding.ruleId))}`);
  console.log(`   findings by code role (with include: everything): ${formatCounts(countBy(findings, (finding) => finding.role ?? 'production'))}`);
  const sample = seededSample(production, Number(values.sample), `${name}:${values.seed}`);
  if (sample.length > 0) console.log(`   sample of ${sample.length} production findings (seed ${values.seed}) to judge by hand:`);
  for (const finding of sample) {
    const line = sourceLine(repo, finding.file, finding.line);
    console.log(`     [${finding.ruleId}] ${finding.file}:${finding.line} ${finding.message.split(/(?<=\.) /)[0]}\n         ${line}`);
  }
  return {
    name,
    repo: labels.repo,
    commit: labels.commit,
    seconds: Number(seconds.toFixed(1)),
    services: { found: check.report.services.length, right: services.right.length, labelled: services.labelled.length, foundLabelled: services.foundLabelled.length, wrong: services.wrong.map((s) => s.root), missed: services.missed.map((s) => s.root) },
    edges: { found: graph.report.edges.length, right: edges.right.length, labelled: edges.labelled.length, foundLabelled: edges.found.length },
    smells: { labelled: smells.labelled.length, found: smells.found.length, missed: smells.missed.map((s) => `${s.rule} ${s.location}`) },
    findingsByRule: countBy(production, (finding) => finding.ruleId),
    findingsByRole: countBy(findings, (finding) => finding.role ?? 'production'),
    sample: sample.map((finding) => ({ rule: finding.ruleId, at: `${finding.file}:${finding.line}`, message: finding.message })),
  };
}

function runSeamlint(args) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (run.status !== 0 && run.status !== 1) return { error: (run.stderr || `exit ${run.status}`).trim().split('\n').pop() };
  try {
    return { report: JSON.parse(run.stdout) };
  } catch (error) {
    return { error: `unreadable JSON: ${error.message}` };
  }
}

function printTotals(all) {
  const measured = all.filter((result) => !result.error);
  if (measured.length === 0) return;
  console.log('\n## Totals');
  console.log('| repo | services labelled / found / right (of found) | edges labelled / found · found right | smells found | production findings | time |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of measured) {
    const findings = Object.values(r.findingsByRule).reduce((a, b) => a + b, 0);
    console.log(`| ${r.name} | ${r.services.labelled} / ${r.services.foundLabelled} / ${r.services.right} of ${r.services.found} | ${r.edges.labelled} / ${r.edges.foundLabelled} · ${r.edges.right} of ${r.edges.found} | ${r.smells.found}/${r.smells.labelled} | ${findings} | ${r.seconds} s |`);
  }
}

function git(repo, args) {
  try {
    return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function sourceLine(repo, file, line) {
  try {
    return readFileSync(join(repo, file), 'utf8').split('\n')[line - 1]?.trim().slice(0, 140) ?? '';
  } catch {
    return '';
  }
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}

function formatCounts(counts) {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}

function percent(part, whole) {
  return whole === 0 ? 'n/a' : `${Math.round((100 * part) / whole)}%`;
}
