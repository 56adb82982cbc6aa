// Parsing and validating command-line values that commander leaves as strings.
import { InvalidArgumentError } from 'commander';
import type { SeveritySetting } from '../engine/types.js';
import type { CliIO } from './cli-context.js';
import type { FormatName } from './formats/types.js';
import { didYouMean } from './suggest.js';

/** A usage problem the CLI itself detects (conflicting flags); printed as one line, exit 2. */
export class UsageError extends Error {}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

/** The flags of `check`, as commander hands them over (negated flags such as --no-cache arrive as `cache: false`). */
export interface CheckFlags {
  format: FormatName;
  output?: string;
  config?: string;
  /** Absent when no --rule was given. */
  rule?: Record<string, SeveritySetting>;
  maxWarnings?: number;
  fix?: boolean;
  fixDryRun?: boolean;
  base?: string;
  baseline?: string;
  updateBaseline?: boolean;
  cache: boolean;
  quiet?: boolean;
  color: boolean;
  debug?: boolean;
}

/** `--rule <id>=<severity>`: a later flag for the same rule wins, as in ESLint. */
export function parseRuleOverride(
  spec: string,
  knownRuleIds: readonly string[],
  previous: Record<string, SeveritySetting> = {},
): Record<string, SeveritySetting> {
  const separator = spec.indexOf('=');
  const id = separator < 0 ? '' : spec.slice(0, separator).trim();
  const severity = separator < 0 ? '' : spec.slice(separator + 1).trim();
  if (!id || !severity) throw new InvalidArgumentError(`Expected <id>=<severity>, for example missing-timeout=error.`);
  if (!SEVERITIES.includes(severity as SeveritySetting)) {
    throw new InvalidArgumentError(`Severity must be one of ${SEVERITIES.join(', ')}${didYouMean(severity, SEVERITIES)}.`);
  }
  if (!knownRuleIds.includes(id)) throw new InvalidArgumentError(`Unknown rule '${id}'${didYouMean(id, knownRuleIds)}.`);
  return { ...previous, [id]: severity as SeveritySetting };
}

export function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number of warnings (0 or more).');
  return Number(value);
}

/** Colour only on a terminal, and never when the user opted out with --no-color or NO_COLOR (https://no-color.org). */
export function useColor(io: CliIO, colorFlag: boolean): boolean {
  const noColor = io.env?.['NO_COLOR'];
  return io.isTTY && colorFlag && (noColor === undefined || noColor === '');
}
