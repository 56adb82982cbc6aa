// The `seamlint` executable (bundled to dist/cli.js): wires the real engine, streams and package files into runCli.
import { analyze, SeamlintError } from '../engine/analyze.js';
import { allRules } from '../../../rules/index.js';
import { writeInitialConfig } from '../engine/init.js';
import type { CliDeps } from './cli-context.js';
import { graphSourceOf } from './graph/from-analysis.js';
import { findPackageRoot, readPackageVersion, readRuleDocs } from './package-root.js';
import { servicesSourceOf } from './services/from-analysis.js';
import { runCli } from './run.js';

const packageRoot = findPackageRoot(__dirname);

const deps: CliDeps = {
  analyze,
  rules: allRules,
  // The graph and the services need the model only: every rule off, so no rule runs.
  graph: async (options) => {
    const result = await analyze({ ...options, onlyRules: [] });
    return { ...graphSourceOf(result), summary: result.summary };
  },
  services: async (options) => servicesSourceOf(await analyze({ ...options, onlyRules: [] })),
  readRuleDocs: (ruleId) => readRuleDocs(packageRoot, ruleId),
  init: writeInitialConfig,
  isSetupError: (error) => error instanceof SeamlintError,
  version: readPackageVersion(packageRoot),
};

void runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  },
  deps,
).then((code) => {
  // Exit only once both streams have flushed: exiting straight away can cut off a large report written to a pipe.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
