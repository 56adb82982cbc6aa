// `seamlint rules` and `seamlint explain <rule>`: the rule catalog in the terminal.
import pc from 'picocolors';
import type { RuleMeta } from '../engine/rule-api.js';
import type { SeveritySetting } from '../engine/types.js';
import type { CliDeps, CliIO } from './cli-context.js';
import { styleMarkdown } from './markdown-terminal.js';
import { UsageError } from './options.js';
import { didYouMean } from './suggest.js';

type Colors = ReturnType<typeof pc.createColors>;

function paintSetting(colors: Colors, severity: SeveritySetting, text: string): string {
  if (severity === 'error') return colors.red(text);
  if (severity === 'warning') return colors.yellow(text);
  if (severity === 'info') return colors.blue(text);
  return colors.dim(text);
}

/** One row per rule: id, category, default severity, fix kind, description. */
export function formatRuleTable(rules: readonly RuleMeta[], color: boolean): string {
  const colors = pc.createColors(color);
  const header = { id: 'Rule', category: 'Category', severity: 'Default', fix: 'Fix' };
  const rows = [header, ...rules.map((rule) => ({ id: rule.id, category: rule.category, severity: rule.severity, fix: rule.fix }))];
  const width = (key: keyof typeof header): number => Math.max(...rows.map((row) => row[key].length));
  const lines = rows.map((row, index) => {
    const severity = row.severity.padEnd(width('severity'));
    const cells = [
      row.id.padEnd(width('id')),
      row.category.padEnd(width('category')),
      index === 0 ? severity : paintSetting(colors, row.severity as SeveritySetting, severity),
      row.fix.padEnd(width('fix')),
      index === 0 ? 'Description' : rules[index - 1]!.description,
    ];
    const line = cells.join('  ').trimEnd();
    return index === 0 ? colors.bold(line) : line;
  });
  return `${lines.join('\n')}\n`;
}

export function runRules(io: CliIO, deps: CliDeps, color: boolean): number {
  io.stdout.write(formatRuleTable(deps.rules, color));
  return 0;
}

export function runExplain(ruleId: string, io: CliIO, deps: CliDeps, color: boolean): number {
  const rule = deps.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new UsageError(`unknown rule '${ruleId}'${didYouMean(ruleId, deps.rules.map((candidate) => candidate.id))}`);
  // A rule without a docs file still gets its one-line description and URL rather than an error.
  const docs = deps.readRuleDocs(rule.id) ?? `# ${rule.id}\n\n${rule.description}\n\nCategory: ${rule.category}. Default: ${rule.severity}. Fix: ${rule.fix}.\n`;
  const text = styleMarkdown(docs, color);
  io.stdout.write(`${text}${text.endsWith('\n') ? '' : '\n'}\n${pc.createColors(color).dim(rule.docsUrl)}\n`);
  return 0;
}
