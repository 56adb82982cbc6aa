// The contract between the engine and a rule. A rule is pure: it reads the system model and one file's
// syntax tree and facts, and reports findings. It never imports an adapter, parses config, or talks LSP.
import type { Finding, Fix, FixKind, Location, SeveritySetting } from './types.js';
import type { AnalyzedFile, SystemModel } from './model/types.js';

export type RuleCategory = 'synchronous-coupling' | 'failure-handling' | 'messaging' | 'coupling' | 'contracts' | 'suppressions';

/** One option's JSON schema. Every option has a description and a default. */
export type OptionSchema =
  | { type: 'number'; default: number; minimum?: number; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string'; default: string; enum?: string[]; description: string }
  | { type: 'array'; items: { type: 'string' }; default: string[]; description: string };

export type OptionsSchema = Record<string, OptionSchema>;

/** The option values a schema describes. */
export type OptionsOf<S extends OptionsSchema> = {
  [K in keyof S]: S[K] extends { type: 'number' } ? number
    : S[K] extends { type: 'boolean' } ? boolean
    : S[K] extends { type: 'array' } ? string[]
    : string;
};

export interface Report {
  /** The file the finding is in, when not the file being checked (a constant declared in another module). */
  file?: string;
  start: number;
  end: number;
  message: string;
  related?: Location[];
  fixes?: Fix[];
}

export interface RuleContext<O> {
  readonly file: AnalyzedFile;
  readonly model: SystemModel;
  readonly options: O;
  report(report: Report): void;
}

export interface RuleMeta {
  id: string;
  category: RuleCategory;
  /** Default severity; 'off' for rules users opt into. */
  severity: SeveritySetting;
  fix: FixKind;
  /** One sentence, shown by `seamlint rules`, SARIF shortDescription and docs. */
  description: string;
  options: OptionsSchema;
  /** Documentation URL, derived from the id. */
  docsUrl: string;
}

export interface Rule<S extends OptionsSchema = OptionsSchema> extends RuleMeta {
  options: S;
  check(context: RuleContext<OptionsOf<S>>): void;
}

export const DOCS_BASE_URL = 'https://github.com/seamlint/seamlint/blob/main/rules/docs/';

export function docsUrlFor(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

export function defineRule<S extends OptionsSchema>(rule: Omit<Rule<S>, 'docsUrl'>): Rule<S> {
  return { ...rule, docsUrl: docsUrlFor(rule.id) };
}

export function defaultOptions(schema: OptionsSchema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).map(([key, option]) => [key, option.default]));
}

/** A finding as a rule reports it, before the report layer applies severities, suppressions and the baseline. */
export type RawFinding = Omit<Finding, 'severity' | 'fingerprint'>;

/** A rule whose findings the engine itself produces (suppression bookkeeping): metadata only, no `check`. */
export function defineEngineRule(meta: Omit<RuleMeta, 'docsUrl'>): RuleMeta {
  return { ...meta, docsUrl: docsUrlFor(meta.id) };
}
