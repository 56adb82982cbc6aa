// The graph, its root and a line lookup, taken from a real analysis: what main.ts hands the `graph` command, and what
// the browser test renders for the example system.
import * as fs from 'node:fs';
import type { AnalysisResult } from '../../engine/analyze.js';
import { LineMap } from '../../engine/text.js';
import type { CliGraphSource } from '../cli-context.js';

/** The summary is the caller's to add: the CLI has the run's, the language server's session has none. */
export function graphSourceOf(result: Pick<AnalysisResult, 'root' | 'model' | 'problems'>): Omit<CliGraphSource, 'summary'> {
  const fromDisk = new Map<string, LineMap | undefined>();
  // Call sites and routes lie in analyzed files; anything else (a compose file, say) is read once, on demand.
  const lineMap = (file: string): LineMap | undefined => {
    const analyzed = result.model.file(file);
    if (analyzed) return analyzed.lines;
    if (!fromDisk.has(file)) fromDisk.set(file, readLines(file));
    return fromDisk.get(file);
  };
  return {
    root: result.root,
    graph: result.model.serviceGraph(),
    positionAt: (file, offset) => lineMap(file)?.positionAt(offset),
    problems: result.problems,
  };
}

function readLines(file: string): LineMap | undefined {
  try {
    return new LineMap(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
