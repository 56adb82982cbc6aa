// Run each enabled rule over each file. A rule that throws on some file loses only that file's findings for that rule:
// the failure is recorded and every other rule still reports.
import type { SystemModel } from '../model/types.js';
import type { RawFinding, Rule } from '../rule-api.js';
import type { SetupProblem } from '../types.js';
import type { Timings } from './timings.js';

export interface RuleRun {
  rule: Rule;
  options: Record<string, unknown>;
}

export function runRules(model: SystemModel, runs: readonly RuleRun[], files: Iterable<string>, problems: SetupProblem[], timings?: Timings): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Set<string>();
  for (const path of files) {
    const file = model.file(path);
    if (!file) continue;
    for (const { rule, options } of runs) {
      const started = timings ? performance.now() : 0;
      try {
        rule.check({
          file,
          model,
          // Options were validated against the rule's schema when the config was loaded.
          options: options as Parameters<Rule['check']>[0]['options'],
          report: (report) => {
            const target = report.file ?? file.path;
            // rules.md "Code roles": test, tooling and client-app code is read, never reported in (unless config `include` says so).
            if (!model.isReportable(target)) return;
            // A literal shared by several files' calls is one problem, not one per caller.
            const key = `${rule.id}\0${target}\0${report.start}\0${report.end}\0${report.message}`;
            if (seen.has(key)) return;
            seen.add(key);
            const role = model.roleOf(target);
            findings.push({
              ruleId: rule.id,
              file: target,
              start: report.start,
              end: report.end,
              message: report.message,
              related: report.related ?? [],
              fixes: report.fixes ?? [],
              ...(role !== 'production' ? { role } : {}),
            });
          },
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        problems.push({ file: path, message: `rule ${rule.id} failed: ${message.split('\n')[0]}` });
      }
      if (timings) timings.addRule(rule.id, performance.now() - started);
    }
  }
  return findings;
}
