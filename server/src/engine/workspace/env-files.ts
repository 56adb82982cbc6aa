// `.env` files, parsed the way dotenv reads them (there is no dotenv dependency, and we only need the values):
// `KEY=value`, `export KEY=value`, single/double/backtick quotes (double quotes may span lines and expand \n),
// `#` comments on their own line or after an unquoted value.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText, type DiscoveryLog } from './manifest-io.js';

const ENV_FILE_NAME = /^\.env(?:\..+)?$/;
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;
const QUOTES = new Set(['"', "'", '`']);

export function parseEnvText(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const match = ASSIGNMENT.exec(lines[index]!);
    if (!match) continue;
    const key = match[1]!;
    const rest = match[2]!;
    const quote = rest[0];
    if (quote !== undefined && QUOTES.has(quote)) {
      const quoted = readQuoted(lines, index, rest, quote);
      if (quoted) {
        variables[key] = quote === '"' ? expandEscapes(quoted.value) : quoted.value;
        index = quoted.lastLine;
        continue;
      }
    }
    variables[key] = rest.replace(/(?:^|\s+)#.*$/, '').trim();
  }
  return variables;
}

/** The quoted value starting at `rest`, possibly continuing on the following lines; undefined when never closed. */
function readQuoted(lines: string[], firstLine: number, rest: string, quote: string): { value: string; lastLine: number } | undefined {
  let text = rest.slice(1);
  for (let line = firstLine; line < lines.length; line++) {
    if (line > firstLine) text += `\n${lines[line]}`;
    const end = closingQuote(text, quote);
    if (end >= 0) return { value: text.slice(0, end), lastLine: line };
  }
  return undefined;
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function expandEscapes(value: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
  return value.replace(/\\(.)/g, (whole, char: string) => escapes[char] ?? whole);
}

/** The `.env`/`.env.*` files directly inside each folder: file → variables. */
export function readEnvFiles(folders: readonly string[], log: DiscoveryLog): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const folder of new Set(folders)) {
    for (const file of envFilesIn(folder)) {
      const text = readText(file, log);
      if (text === undefined) continue;
      log.manifestFiles.add(file);
      result[file] = parseEnvText(text);
    }
  }
  return result;
}

function envFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && ENV_FILE_NAME.test(entry.name))
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch {
    // A package folder that vanished or cannot be listed simply has no env files.
    return [];
  }
}
