// `seamlint graph`: analyze the workspace, turn its service graph into the chosen format, write it out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliDeps, CliIO } from '../cli-context.js';
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
    for (const problem of source.problems ?? []) {
      const where = problem.file ? `${path.relative(io.cwd, problem.file) || problem.file}: ` : '';
      io.stderr.write(`seamlint: warning: ${where}${problem.message.replace(/\s*\r?\n\s*/g, ' ')}\n`);
    }
    const text = graphRenderers[flags.format](toGraphJson(source, io.cwd));
    if (flags.output === undefined) {
      io.stdout.write(text);
    } else {
      const target = path.resolve(io.cwd, flags.output);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    writeRunSummary(io, source.root, source.summary, 'the graph is empty');
    return 0;
  } finally {
    progress.done();
  }
}
