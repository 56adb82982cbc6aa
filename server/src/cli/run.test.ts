import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYCLE, HARDCODED, MISSING_TIMEOUT, ROOT, sampleResult } from './formats/test-data.js';
import { runWith, SAMPLE_SUMMARY, SAMPLE_SUMMARY_LINE, StubSetupError } from './test-harness.js';

const warningsOnly = sampleResult([MISSING_TIMEOUT, { ...MISSING_TIMEOUT, start: MISSING_TIMEOUT.start + 1 }]);

describe('exit codes', () => {
  it('0 when there are no findings', async () => {
    const run = await runWith(['check'], { result: sampleResult([]) });
    expect(run).toMatchObject({ code: 0, stdout: '✔ No problems found.\n', stderr: SAMPLE_SUMMARY_LINE });
  });

  it('0 for warnings and infos without --max-warnings, 1 once warnings exceed it', async () => {
    expect((await runWith([], { result: warningsOnly })).code).toBe(0);
    expect((await runWith(['--max-warnings', '2'], { result: warningsOnly })).code).toBe(0);
    const over = await runWith(['--max-warnings', '1'], { result: warningsOnly });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe(`seamlint: 2 warnings found, more than --max-warnings 1 allows.\n${SAMPLE_SUMMARY_LINE}`);
  });

  it('1 when any finding is an error', async () => {
    expect((await runWith(['check', '--format', 'json'])).code).toBe(1);
  });

  it('--quiet shows only errors, but warnings still count against --max-warnings', async () => {
    const quiet = await runWith(['--quiet', '--max-warnings', '0'], { result: sampleResult([MISSING_TIMEOUT, HARDCODED]) });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe('');
    const errors = await runWith(['--quiet'], { result: sampleResult([CYCLE, MISSING_TIMEOUT]) });
    expect(errors.stdout).toContain('cyclic-service-dependency');
    expect(errors.stdout).not.toContain('missing-timeout');
  });

  it.each([
    [['--bogus'], "seamlint: unknown option '--bogus'\n"],
    [['--fromat', 'json'], "seamlint: unknown option '--fromat' (Did you mean --format?)\n"],
    [['--format', 'xml'], "seamlint: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are stylish, json, sarif, junit, github.\n"],
    [['--max-warnings', 'many'], "seamlint: option '--max-warnings <n>' argument 'many' is invalid. Expected a whole number of warnings (0 or more).\n"],
    [['--fix', '--fix-dry-run'], 'seamlint: --fix and --fix-dry-run cannot be used together\n'],
    [['explain'], "seamlint: missing required argument 'rule'\n"],
  ])('2 with one line for the usage error %j', async (argv, stderr) => {
    const run = await runWith(argv);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr });
  });

  it('2 with the one-line message of a setup error (SeamlintError)', async () => {
    const run = await runWith(['check'], {
      deps: {
        analyze: async () => {
          throw new StubSetupError('seamlint.config.json: unknown key "rulez"\n(did you mean "rules"?)');
        },
      },
    });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'seamlint: seamlint.config.json: unknown key "rulez" (did you mean "rules"?)\n' });
  });

  it('2 with one line and no stack for an internal error; the stack under --debug', async () => {
    const deps = {
      analyze: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'kind')");
      },
    };
    const plain = await runWith(['check'], { deps });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe("seamlint: internal error: Cannot read properties of undefined (reading 'kind') (run with --debug for the stack trace)\n");
    const debug = await runWith(['check', '--debug'], { deps });
    expect(debug.code).toBe(2);
    const lines = debug.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe("seamlint: internal error: Cannot read properties of undefined (reading 'kind')");
    expect(lines[1]).toBe("TypeError: Cannot read properties of undefined (reading 'kind')");
    expect(lines[2]).toMatch(/^\s+at /);
  });
});

describe('check', () => {
  it('is the default command, and passes resolved paths and flags to the engine', async () => {
    const run = await runWith(
      ['services/orders', '--config', 'cfg/seamlint.json', '--baseline', 'baseline.json', '--update-baseline', '--no-cache', '--base', 'origin/main'],
      { result: sampleResult([]) },
    );
    expect(run.code).toBe(0);
    expect(run.analyzeCalls).toHaveLength(1);
    expect(run.analyzeCalls[0]).toMatchObject({
      paths: [path.join(ROOT, 'services/orders')],
      configPath: path.join(ROOT, 'cfg/seamlint.json'),
      baselinePath: path.join(ROOT, 'baseline.json'),
      updateBaseline: true,
      cache: false,
      base: 'origin/main',
      ruleOverrides: {},
    });
  });

  it('analyzes the working directory when no path is given', async () => {
    const run = await runWith(['--format', 'json'], { result: sampleResult([]) });
    expect(run.analyzeCalls[0]).toMatchObject({ paths: [ROOT], updateBaseline: false, cache: true });
  });

  it('writes the chosen format to stdout', async () => {
    const run = await runWith(['check', '-f', 'github']);
    expect(run.stdout.split('\n')[0]).toMatch(/^::error file=services\/orders\/src\/app\.ts,line=3,col=1,/);
    const json = await runWith(['check', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, root: '.' });
  });

  it('--output writes the report to a file, uncoloured, and nothing to stdout', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seamlint-output-'));
    try {
      const run = await runWith(['check', '--format', 'sarif', '--output', 'reports/seamlint.sarif'], { io: { cwd: directory, isTTY: true } });
      expect(run.stdout).toBe('');
      const written = JSON.parse(fs.readFileSync(path.join(directory, 'reports/seamlint.sarif'), 'utf8'));
      expect(written.runs[0].results).toHaveLength(3);
      await runWith(['check', '-o', 'report.txt'], { io: { cwd: directory, isTTY: true } });
      expect(fs.readFileSync(path.join(directory, 'report.txt'), 'utf8')).not.toContain('\x1b[');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('colours only on a terminal without --no-color or NO_COLOR', async () => {
    expect((await runWith(['check'], { io: { isTTY: true } })).stdout).toContain('\x1b[');
    expect((await runWith(['check'])).stdout).not.toContain('\x1b[');
    expect((await runWith(['check', '--no-color'], { io: { isTTY: true } })).stdout).not.toContain('\x1b[');
    expect((await runWith(['check'], { io: { isTTY: true, env: { NO_COLOR: '1' } } })).stdout).not.toContain('\x1b[');
  });

  it('shows setup problems on stderr without failing', async () => {
    const result = { ...sampleResult([]), problems: [{ file: path.join(ROOT, 'services/orders/tsconfig.json'), message: 'failed to load' }] };
    const run = await runWith(['check'], { result });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`seamlint: warning: ${path.join('services', 'orders', 'tsconfig.json')}: failed to load\n${SAMPLE_SUMMARY_LINE}`);
  });
});

describe('the summary line', () => {
  it('ends stderr of every check, and stays off stdout so a JSON report still parses', async () => {
    const run = await runWith(['check', '--format', 'json'], { result: { ...sampleResult([]), summary: { services: 6, edges: 41, unresolved: 9, files: 1204 } } });
    expect(run.stderr).toBe('6 services · 41 edges (9 unresolved) · 1,204 files\n');
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, findings: [] });
  });

  it('is left out under --quiet', async () => {
    expect((await runWith(['check', '--quiet'], { result: sampleResult([]) })).stderr).toBe('');
  });

  it('with no services is a notice saying how to declare them, not a bare "no problems"', async () => {
    const run = await runWith(['check'], { result: { ...sampleResult([]), services: [], summary: { ...SAMPLE_SUMMARY, services: 0, edges: 0 } } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'seamlint: no services found in . (3 files read): declare them in seamlint.config.json "services" (or run seamlint init); cross-service rules had nothing to check.\n',
    );
  });

  it('comes after the --max-warnings message and after SEAMLINT_TIMING', async () => {
    const run = await runWith(['--max-warnings', '0'], { result: warningsOnly, io: { env: { SEAMLINT_TIMING: '1' } } });
    expect(run.stderr.endsWith(`allows.\n${SAMPLE_SUMMARY_LINE}`)).toBe(true);
  });
});

describe('--rule', () => {
  it('collects repeated overrides, the last one for a rule winning', async () => {
    const run = await runWith(['--rule', 'missing-timeout=error', '--rule', 'hardcoded-endpoint=off', '--rule', 'missing-timeout=info']);
    expect(run.analyzeCalls[0]!.ruleOverrides).toEqual({ 'missing-timeout': 'info', 'hardcoded-endpoint': 'off' });
  });

  it.each([
    ['missing-timeout', 'Expected <id>=<severity>, for example missing-timeout=error.'],
    ['=error', 'Expected <id>=<severity>, for example missing-timeout=error.'],
    ['missing-timeout=fatal', 'Severity must be one of error, warning, info, off.'],
    ['missing-timeout=eror', "Severity must be one of error, warning, info, off (did you mean 'error'?)."],
    ['missing-timout=error', "Unknown rule 'missing-timout' (did you mean 'missing-timeout'?)."],
  ])('rejects %s with exit 2', async (spec, reason) => {
    const run = await runWith(['check', '--rule', spec]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`seamlint: option '--rule <id=severity>' argument '${spec}' is invalid. ${reason}\n`);
    expect(run.analyzeCalls).toHaveLength(0);
  });
});

describe('other commands', () => {
  it('--version and --help print to stdout and exit 0', async () => {
    expect(await runWith(['--version'])).toMatchObject({ code: 0, stdout: '1.2.3\n', stderr: '' });
    const help = await runWith(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: seamlint [options] [command]');
    expect(help.stdout).toContain('explain [options] <rule>');
    const checkHelp = await runWith(['check', '--help']);
    expect(checkHelp.stdout).toContain('--max-warnings <n>');
    expect(checkHelp.analyzeCalls).toHaveLength(0);
  });

  it('rules lists every rule with category, default severity and fix kind', async () => {
    const run = await runWith(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'Rule                       Category              Default  Fix     Description',
      'cyclic-service-dependency  synchronous-coupling  error    none    Services must not call each other in a cycle.',
      'hardcoded-endpoint         coupling              info     unsafe  Service URLs should come from configuration.',
    ]);
  });

  it('explain prints the docs, styled only on a terminal', async () => {
    const plain = await runWith(['explain', 'missing-timeout']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(
      '# missing-timeout\n\nRemote calls need a `timeout`.\n\nhttps://github.com/seamlint/seamlint/blob/main/rules/docs/missing-timeout.md\n',
    );
    const styled = await runWith(['explain', 'missing-timeout'], { io: { isTTY: true } });
    expect(styled.stdout).toContain('\x1b[1m\x1b[4mmissing-timeout');
    expect(styled.stdout).not.toContain('`timeout`');
  });

  it('explain falls back to the description when a rule has no docs file', async () => {
    const run = await runWith(['explain', 'hardcoded-endpoint']);
    expect(run.stdout).toContain('Service URLs should come from configuration.');
    expect(run.stdout).toContain('Default: info. Fix: unsafe.');
  });

  it('explain of an unknown rule exits 2 with a suggestion', async () => {
    const run = await runWith(['explain', 'missing-timeot']);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: "seamlint: unknown rule 'missing-timeot' (did you mean 'missing-timeout'?)\n" });
    expect((await runWith(['explain', 'timeout'])).stderr).toBe("seamlint: unknown rule 'timeout' (did you mean 'missing-timeout'?)\n");
  });

  it('init prints what it wrote', async () => {
    const run = await runWith(['init']);
    expect(run).toMatchObject({ code: 0, stdout: 'Wrote seamlint.config.json:\n\n{ "services": {} }\n' });
  });

  it('graph accepts its flags but is not available yet', async () => {
    const run = await runWith(['graph', '--format', 'dot']);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'seamlint: the graph command is not yet available\n' });
  });
});
