// `seamlint graph`: analyze the workspace, turn its service graph into the chosen format, write it out.
import * as path from 'node:path';
import type { CliDeps, CliIO } from '../cli-context.js';
import { writeOutput, writeSetupProblems } from '../output.js';
import { UsageError } from '../options.js';
import { createProgress } from '../progress.js';
import { writeRunSummary } from '../run-summary.js';
import { graphRenderers, type GraphFormatName } from './formats.js';
import { toGraphJson } from './view.js';

/** The flags of `graph`, as commander hands them over. */
export interface GraphFlags {
  format: GraphFormatName;
  output?: string;
  config?: string;
  color: boolean;
  debug?: boolean;
}

export async function runGraph(paths: readonly string[], flags: GraphFlags, io: CliIO, deps: CliDeps): Promise<number> {
  // A host that wires no engine graph (older test doubles) answers as the command did before it existed.
  if (!deps.graph) throw new UsageError('the graph command is not yet available');
  const progress = createProgress(io.stderr, io.stderrIsTTY === true);
  try {
    const source = await deps.graph({
      paths: paths.length > 0 ? paths.map((entry) => path.resolve(io.cwd, entry)) : [io.cwd],
      configPath: flags.config === undefined ? undefined : path.resolve(io.cwd, flags.config),
      onProgress: (message) => progress.report(message),
    });
    progress.done();
    writeSetupProblems(io, source.problems);
    const text = graphRenderers[flags.format](toGraphJson(source, io.cwd));
    writeOutput(io, flags.output, text);
    writeRunSummary(io, source.root, source.summary, 'the graph is empty');
    return 0;
  } finally {
    progress.done();
  }
}
