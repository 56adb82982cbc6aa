// Where a run's time goes, for `SEAMLINT_TIMING=1` (as ESLint's TIMING): each phase, and each rule's `check` summed
// over every file. Lazily built parts of the model (the call graph, the service graph) count against the rule that
// first asks for them, which is what a user tuning their config wants to know.
import { performance } from 'node:perf_hooks';

export class Timings {
  readonly phases = new Map<string, number>();
  readonly rules = new Map<string, number>();

  time<T>(phase: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(this.phases, phase, performance.now() - started);
    }
  }

  async timeAsync<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(this.phases, phase, performance.now() - started);
    }
  }

  addRule(ruleId: string, ms: number): void {
    this.add(this.rules, ruleId, ms);
  }

  /** A plain-text table: phases in the order they ran, then the slowest rules first with their share of all rules. */
  format(topRules = 10): string {
    const rows: string[] = [`${'phase'.padEnd(32)}    ms`];
    for (const [phase, ms] of this.phases) rows.push(`${phase.padEnd(32)} ${ms.toFixed(0).padStart(5)}`);
    const total = [...this.rules.values()].reduce((sum, ms) => sum + ms, 0);
    if (total > 0) {
      rows.push('', `${'rule'.padEnd(32)}    ms  share`);
      for (const [rule, ms] of [...this.rules].sort((a, b) => b[1] - a[1]).slice(0, topRules)) {
        rows.push(`${rule.padEnd(32)} ${ms.toFixed(0).padStart(5)}  ${((ms / total) * 100).toFixed(1).padStart(4)}%`);
      }
    }
    return `${rows.join('\n')}\n`;
  }

  private add(map: Map<string, number>, key: string, ms: number): void {
    map.set(key, (map.get(key) ?? 0) + ms);
  }
}
