// Reading the user's manifests without ever throwing: a file we cannot read or parse becomes one SetupProblem with a
// one-line message, and discovery carries on with the rest of the workspace.
import { readFileSync, statSync } from 'node:fs';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import type { SetupProblem } from '../types.js';

/** What discovery learns besides its results: problems to show, and the manifest files to watch. */
export interface DiscoveryLog {
  problems: SetupProblem[];
  manifestFiles: Set<string>;
}

export function createDiscoveryLog(): DiscoveryLog {
  return { problems: [], manifestFiles: new Set() };
}

export function addProblem(log: DiscoveryLog, file: string, message: string): void {
  const line = oneLine(message);
  if (!log.problems.some((p) => p.file === file && p.message === line)) log.problems.push({ file, message: line });
}

/** Problems are shown in status bars and CLI summaries: code frames and stack-like detail do not belong there. */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/).find((line) => line.trim() !== '') ?? message;
  return first.trim().replace(/:$/, '');
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The file's text, or undefined (with a problem) when it exists but cannot be read. */
export function readText(file: string, log: DiscoveryLog): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    addProblem(log, file, `Cannot read file: ${errorMessage(error)}`);
    return undefined;
  }
}

/**
 * A JSON manifest (package.json, project.json) as a plain object, or undefined with a problem.
 * jsonc-parser is lenient about comments and trailing commas (Nx accepts both) and reports positions as line:column.
 */
export function readJsonObject(file: string, log: DiscoveryLog): Record<string, unknown> | undefined {
  const text = readText(file, log);
  if (text === undefined) return undefined;
  log.manifestFiles.add(file);
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const [first] = errors;
    const { line, column } = lineAndColumn(text, first!.offset);
    addProblem(log, file, `Invalid JSON: ${printParseErrorCode(first!.error)} at line ${line}, column ${column}`);
    return undefined;
  }
  if (!isRecord(value)) {
    addProblem(log, file, 'Invalid manifest: expected a JSON object');
    return undefined;
  }
  return value;
}

/**
 * The documents of a YAML stream as plain JS values. A document with a syntax error is reported and left out; the
 * others are kept. `merge: true` because compose files lean on `<<: *anchor` merge keys.
 */
export function parseYamlDocuments(file: string, text: string, log: DiscoveryLog): unknown[] {
  const values: unknown[] = [];
  for (const doc of parseAllDocuments(text, { merge: true, prettyErrors: true })) {
    const [error] = doc.errors;
    if (error) {
      addProblem(log, file, `Invalid YAML: ${error.message}`);
      continue;
    }
    try {
      // A low alias budget: a "billion laughs" document must not hang discovery.
      values.push(doc.toJS({ maxAliasCount: 1000 }));
    } catch (e) {
      addProblem(log, file, `Invalid YAML: ${errorMessage(e)}`);
    }
  }
  return values;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
