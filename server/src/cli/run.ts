// The CLI as a function: argv in, exit code out, all I/O through `io` and the engine through `deps`, so tests run it
// in-process. main.ts wires the real engine and streams and exits the process.
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { CliDeps, CliIO } from './cli-context.js';
import { EXIT_OK, EXIT_USAGE, runCheck } from './check.js';
import { FORMAT_NAMES } from './formats/types.js';
import { runGraph, type GraphFlags } from './graph/command.js';
import { GRAPH_FORMAT_NAMES } from './graph/formats.js';
import { parseMaxWarnings, parseRuleOverride, UsageError, useColor, type CheckFlags } from './options.js';
import { runExplain, runRules } from './rule-commands.js';
import { runServices, SERVICES_FORMAT_NAMES, type ServicesFlags } from './services/command.js';

export type { CliDeps, CliIO } from './cli-context.js';

// A first argument that names a command is that command, so `seamlint services` lists services; the folder of that
// name is `seamlint check services` (or `seamlint ./services`).
const COMMAND_NAMES = ['check', 'graph', 'services', 'rules', 'explain', 'init', 'help'];
const PROGRAM_FLAGS = ['-h', '--help', '-v', '--version'];

export async function runCli(argv: readonly string[], io: CliIO, deps: CliDeps): Promise<number> {
  const ownArgs = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const debug = ownArgs.includes('--debug');
  let selected: (() => Promise<number> | number) | undefined;
  const program = buildProgram(io, deps, (run) => {
    selected = run;
  });
  try {
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
    return selected ? await selected() : EXIT_OK;
  } catch (error) {
    return reportError(error, io, deps, debug);
  }
}

/** `check` is the default command: `seamlint`, `seamlint src`, `seamlint --format json` all mean `seamlint check …`. */
function withDefaultCommand(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first === undefined) return ['check'];
  if (COMMAND_NAMES.includes(first)) return [...argv];
  if (PROGRAM_FLAGS.includes(first) && argv.length === 1) return [...argv];
  if (argv.includes('--version') || argv.includes('-v')) return ['--version'];
  return ['check', ...argv];
}

function buildProgram(io: CliIO, deps: CliDeps, select: (run: () => Promise<number> | number) => void): Command {
  const program = new Command('seamlint')
    .description('A linter for the seams between services: remote calls, messaging, contracts and coupling.')
    .version(deps.version, '-v, --version', 'print the version')
    // Errors become one `seamlint: …` line (see reportError); commander must neither print them nor exit the process.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
    })
    .addHelpText('after', '\nWith no command, seamlint runs `check`: `seamlint src` is `seamlint check src`.');

  const ruleIds = deps.rules.map((rule) => rule.id);
  program
    .command('check')
    .description('analyze the workspace containing the paths (default: the current folder) and report findings in them')
    .argument('[paths...]', 'files or folders to report on')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of seamlint.config.json')
    .option('--rule <id=severity>', 'set a rule severity: error, warning, info or off (repeatable)', (value, previous?: CheckFlags['rule']) =>
      parseRuleOverride(value, ruleIds, previous),
    )
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this', parseMaxWarnings)
    .option('--fix', 'apply safe fixes and report what remains')
    .option('--fix-dry-run', 'print the safe fixes as a unified diff; change nothing')
    .option('--base <git-ref>', 'compare contracts against this git ref')
    .option('--baseline <file>', 'ignore findings recorded in this baseline file')
    .option('--update-baseline', 'record the current findings in the baseline file')
    .option('--no-cache', 'do not read or write the analysis cache')
    .option('--quiet', 'report errors only')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors')
    .action((paths: string[], flags: CheckFlags) => select(() => runCheck(paths, flags, io, deps)));

  program
    .command('graph')
    .description('the service communication graph (sync and async edges, smells marked)')
    .argument('[paths...]', 'files or folders of the workspace')
    .addOption(new Option('-f, --format <format>', 'output format').choices(GRAPH_FORMAT_NAMES).default('mermaid'))
    .option('-o, --output <file>', 'write the graph to a file instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of seamlint.config.json')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors')
    .action((paths: string[], flags: GraphFlags) => select(() => runGraph(paths, flags, io, deps)));

  program
    .command('services')
    .description('the services, their roots, the evidence for each, their endpoints and the edges in and out')
    .argument('[paths...]', 'files or folders of the workspace')
    .addOption(new Option('-f, --format <format>', 'output format').choices(SERVICES_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the list to a file instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of seamlint.config.json')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors')
    .action((paths: string[], flags: ServicesFlags) => select(() => runServices(paths, flags, io, deps)));

  program
    .command('rules')
    .description('list the rules with their category, default severity and fix kind')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors')
    .action((flags: { color: boolean }) => select(() => runRules(io, deps, useColor(io, flags.color))));

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule>', 'rule id, for example missing-timeout')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'show stack traces of internal errors')
    .action((ruleId: string, flags: { color: boolean }) => select(() => runExplain(ruleId, io, deps, useColor(io, flags.color))));

  program
    .command('init')
    .description('write seamlint.config.json with the services seamlint detects')
    .option('--debug', 'show stack traces of internal errors')
    .action(() =>
      select(async () => {
        const written = await deps.init(io.cwd);
        io.stdout.write(`Wrote ${path.relative(io.cwd, written.path) || written.path}:\n\n${written.text}${written.text.endsWith('\n') ? '' : '\n'}`);
        return EXIT_OK;
      }),
    );
  return program;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Exit 2 with exactly one `seamlint: …` line on stderr; the stack only under --debug. */
function reportError(error: unknown, io: CliIO, deps: CliDeps, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end parsing through the same exception, with exit code 0.
    if (error.exitCode === 0) return EXIT_OK;
    io.stderr.write(`seamlint: ${oneLine(error.message.replace(/^error: /, ''))}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  if (error instanceof UsageError || deps.isSetupError(error)) {
    io.stderr.write(`seamlint: ${oneLine(message)}\n${stack}`);
  } else {
    io.stderr.write(`seamlint: internal error: ${oneLine(message)}${debug ? '' : ' (run with --debug for the stack trace)'}\n${stack}`);
  }
  return EXIT_USAGE;
}
