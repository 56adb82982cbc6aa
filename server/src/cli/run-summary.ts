// The last line of every `check` and `graph` on stderr (interfaces.md): how much of the system seamlint saw. Without it,
// "no problems" over a workspace where no service was found reads as a clean bill when nothing was checked at all.
// stderr, never stdout, so JSON and SARIF written to stdout stay valid documents.
import * as path from 'node:path';
import type { RunSummary } from '../engine/analysis/run-summary.js';
import type { CliIO } from './cli-context.js';

/** `6 services · 41 edges (9 unresolved) · 1,204 files` */
export function summaryLine(summary: RunSummary): string {
  const edges = `${counted(summary.edges, 'edge')} (${grouped(summary.unresolved)} unresolved)`;
  return [counted(summary.services, 'service'), edges, counted(summary.files, 'file')].join(' · ');
}

/** With no services the rules that judge calls between them had nothing to judge: say so, and how to fix it. */
export function noServicesNotice(root: string, cwd: string, files: number, consequence: string): string {
  const where = path.relative(cwd, root) || '.';
  return `seamlint: no services found in ${where} (${counted(files, 'file')} read): declare them in seamlint.config.json "services" (or run seamlint init); ${consequence}.`;
}

/** The summary line, or the no-services notice in its place; `consequence` says what the empty system meant for this command. */
export function writeRunSummary(io: CliIO, root: string, summary: RunSummary, consequence: string): void {
  const line = summary.services === 0 ? noServicesNotice(root, io.cwd, summary.files, consequence) : summaryLine(summary);
  io.stderr.write(`${line}\n`);
}

export function counted(count: number, noun: string): string {
  return `${grouped(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Thousands separated by commas whatever the machine's locale, so the line is the same everywhere. */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
