// The baseline: findings a team has accepted for now, so a rule can be adopted without fixing everything first.
// Per file × rule it records fingerprints and a count. Fingerprints recognize the same finding after unrelated edits;
// the count is the budget when a baselined line itself was edited (as with ESLint's bulk suppressions), so only
// findings beyond what was accepted surface.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../types.js';
import { ConfigError } from './config-error.js';
import { relativePath } from './fingerprint.js';
import { parseJsonDocument } from './jsonc.js';

export interface BaselineEntry {
  count: number;
  fingerprints: string[];
}

export interface Baseline {
  version: 1;
  /** Relative path (forward slashes) → rule id → entry. */
  files: Record<string, Record<string, BaselineEntry>>;
}

/** Findings need fingerprints (fingerprintFindings); one without still counts toward its file × rule budget. */
export function createBaseline(findings: readonly Finding[], root: string): Baseline {
  const entries = new Map<string, Map<string, BaselineEntry>>();
  for (const finding of findings) {
    const file = relativePath(root, finding.file);
    const byRule = entries.get(file) ?? new Map<string, BaselineEntry>();
    entries.set(file, byRule);
    const entry = byRule.get(finding.ruleId) ?? { count: 0, fingerprints: [] };
    byRule.set(finding.ruleId, entry);
    entry.count++;
    if (finding.fingerprint !== undefined) entry.fingerprints.push(finding.fingerprint);
  }
  // Sorted keys and fingerprints: regenerating an unchanged baseline must give an identical file (clean diffs).
  const files: Baseline['files'] = {};
  for (const file of [...entries.keys()].sort()) {
    const byRule = entries.get(file)!;
    files[file] = {};
    for (const ruleId of [...byRule.keys()].sort()) {
      const entry = byRule.get(ruleId)!;
      files[file][ruleId] = { count: entry.count, fingerprints: [...entry.fingerprints].sort() };
    }
  }
  return { version: 1, files };
}

export function writeBaseline(file: string, findings: readonly Finding[], root: string): void {
  const text = `${JSON.stringify(createBaseline(findings, root), null, 2)}\n`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new ConfigError(`${file}: cannot write baseline (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Throws a one-line ConfigError when the file is missing, is not JSON, or is not a version 1 baseline. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'baseline file not found (create it with --update-baseline)' : `cannot read baseline (${code ?? String(error)})`;
    throw new ConfigError(`${file}: ${reason}`);
  }
  const { value } = parseJsonDocument(text, file, file);
  const problem = baselineShapeProblem(value);
  if (problem) throw new ConfigError(`${file}: not a seamlint baseline: ${problem}`, '');
  return value as Baseline;
}

function baselineShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected an object';
  if (value['version'] !== 1) return `unsupported version ${JSON.stringify(value['version'])} (expected 1)`;
  if (!isRecord(value['files'])) return '"files" must be an object';
  for (const [file, byRule] of Object.entries(value['files'])) {
    if (!isRecord(byRule)) return `files["${file}"] must be an object`;
    for (const [ruleId, entry] of Object.entries(byRule)) {
      const valid =
        isRecord(entry) &&
        Number.isInteger(entry['count']) &&
        Array.isArray(entry['fingerprints']) &&
        entry['fingerprints'].every((fingerprint) => typeof fingerprint === 'string');
      if (!valid) return `files["${file}"]["${ruleId}"] must be { "count": <integer>, "fingerprints": [<string>…] }`;
    }
  }
  return undefined;
}

/**
 * The findings the baseline does not cover. Per file × rule: findings whose fingerprint is baselined are covered; the
 * rest are covered while the count allows (in position order), so editing a baselined line does not resurface it,
 * but a new finding beyond the accepted count does.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, root: string): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = JSON.stringify([relativePath(root, finding.file), finding.ruleId]);
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  const covered = new Set<Finding>();
  for (const [key, group] of groups) {
    const [file, ruleId] = JSON.parse(key) as [string, string];
    const entry = baseline.files[file]?.[ruleId];
    if (!entry) continue;
    const known = new Set(entry.fingerprints);
    let budget = entry.count;
    const unmatched: Finding[] = [];
    for (const finding of group) {
      if (budget > 0 && finding.fingerprint !== undefined && known.delete(finding.fingerprint)) {
        covered.add(finding);
        budget--;
      } else {
        unmatched.push(finding);
      }
    }
    unmatched.sort((a, b) => a.start - b.start);
    for (const finding of unmatched.slice(0, budget)) covered.add(finding);
  }
  return findings.filter((finding) => !covered.has(finding));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
