// `seamlint services`: what seamlint takes the system to be (each service, its root, the evidence, its endpoints and
// edges), so a user can check the picture before trusting the findings built on it.
import * as path from 'node:path';
import type { CliDeps, CliIO } from '../cli-context.js';
import { writeOutput, writeSetupProblems } from '../output.js';
import { useColor } from '../options.js';
import { createProgress } from '../progress.js';
import { noServicesNotice } from '../run-summary.js';
import { renderServicesText } from './text.js';
import { toServicesJson } from './view.js';

export const SERVICES_FORMAT_NAMES = ['text', 'json'] as const;

/** The flags of `services`, as commander hands them over. */
export interface ServicesFlags {
  format: (typeof SERVICES_FORMAT_NAMES)[number];
  output?: string;
  config?: string;
  color: boolean;
  debug?: boolean;
}

export async function runServices(paths: readonly string[], flags: ServicesFlags, io: CliIO, deps: CliDeps): Promise<number> {
  const progress = createProgress(io.stderr, io.stderrIsTTY === true);
  try {
    const source = await deps.services({
      paths: paths.length > 0 ? paths.map((entry) => path.resolve(io.cwd, entry)) : [io.cwd],
      configPath: flags.config === undefined ? undefined : path.resolve(io.cwd, flags.config),
      onProgress: (message) => progress.report(message),
    });
    progress.done();
    writeSetupProblems(io, source.problems);
    const view = toServicesJson(source, io.cwd);
    const text = flags.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : renderServicesText(view, flags.output === undefined && useColor(io, flags.color));
    // The text says itself that there are no services; an empty JSON list needs the notice beside it, on stderr.
    if (flags.format === 'json' && view.services.length === 0) io.stderr.write(`${noServicesNotice(source.root, io.cwd, source.summary.files, 'the list is empty')}\n`);
    writeOutput(io, flags.output, text);
    return 0;
  } finally {
    progress.done();
  }
}
