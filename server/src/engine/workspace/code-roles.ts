// Code roles (rules.md "Code roles"): production, test, tooling or client-app code, decided from paths, test-runner
// configuration written as data, and what the package itself is. Rules report only in production code by default;
// the rest stays in the index so imports and values still resolve.
import { relative, sep } from 'node:path';
import type { CodeRole, WorkspacePackage } from './types.js';

/** `orders.spec.ts`, `orders.test.tsx`, `app.e2e-spec.ts`, `orders.e2e.ts`, `orders.int-spec.ts`, `orders.it.ts`. */
const TEST_FILE = /\.(?:spec|test|tests|e2e-spec|e2e|e2e-test|int-spec|integration-spec|integration|it|bench|stories|story)\.[cm]?[jt]sx?$/;
/** Set-up files of test runners and their configuration. */
const TEST_SETUP_FILE = /(?:^|\/)(?:jest|vitest|karma|cypress|playwright|wdio|ava)[\w.-]*\.(?:config|setup|preset|global-setup|global-teardown)[\w.-]*\.[cm]?[jt]sx?$|(?:^|\/)(?:setup-?tests?|test-?setup|jest\.setup|vitest\.setup|global-?setup|global-?teardown)\.[cm]?[jt]sx?$/i;
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__', '__mocks__', '__fixtures__', 'fixtures', 'e2e', 'mocks', 'mock', 'spec', 'specs', 'cypress', 'playwright', 'test-utils', 'testing', 'testutils', 'test-helpers', 'integration-tests', 'e2e-tests', 'jest', 'stubs']);
/**
 * Tooling: scripts, migrations and seeds (rules.md), and what no service runs as written: documentation and example
 * snippets, code generators' templates.
 */
const TOOLING_FOLDERS = new Set([
  'scripts', 'script', 'tools', 'tooling', 'migrations', 'migration', 'seeds', 'seeders', 'seed', 'seeding', 'benchmarks',
  'benchmark', 'bench', '.storybook', 'codegen', 'docs', 'doc', 'examples', 'example', 'samples', 'templates', 'template',
  'boilerplate', 'boilerplates', '__templates__',
]);
/** `migration-scripts`, `db_scripts`, `deploy-tools`. */
const TOOLING_FOLDER_SUFFIX = /[-_](?:scripts|tools|migrations|seeds)$/;
/**
 * Build and tool configuration, seeds and migrations written as single files. Only tools' own config names: an
 * application's `app.config.ts` or `database.config.ts` is production code.
 */
const TOOLING_FILE =
  /(?:^|\/)(?:(?:webpack|vite|vitest|jest|rollup|tsup|esbuild|babel|eslint|prettier|postcss|tailwind|next|nuxt|svelte|astro|remix|drizzle|knex|playwright|cypress|karma|commitlint|lint-staged|stylelint|metro|craco|codegen|orval|typedoc|docusaurus|storybook|turbo|release|rspack|swc|ecosystem|gulp|grunt|mikro-orm|typeorm|ormconfig)(?:\.[\w-]+)*\.config|\.[\w-]+rc|knexfile|ormconfig|gulpfile|gruntfile|seed|seeds|[\w-]+\.seed|[\w-]+\.seeder|\d{10,}[\w-]*|[\w-]+\.migration)\.[cm]?[jt]sx?$/i;

export interface RoleInputs {
  root: string;
  packages: readonly WorkspacePackage[];
  /** Whether a test runner's configuration names a file (workspace-relative, forward slashes) as a test. */
  isConfiguredTest?: (relativePath: string) => boolean;
}

export function createRoleClassifier(inputs: RoleInputs): (file: string) => CodeRole {
  const packagesByDepth = [...inputs.packages].sort((a, b) => b.root.length - a.root.length);
  const isConfiguredTest = inputs.isConfiguredTest ?? (() => false);
  return (file) => {
    const relativePath = relative(inputs.root, file).split(sep).join('/');
    const pkg = packagesByDepth.find((candidate) => file.startsWith(candidate.root + sep));
    if (pkg?.traits.testCode) return 'test';
    const inPackage = pkg ? relative(pkg.root, file).split(sep).join('/') : relativePath;
    return roleOfPath(inPackage) ?? roleOfPath(relativePath) ?? (isConfiguredTest(relativePath) ? 'test' : undefined) ?? (pkg?.traits.clientApp ? 'client-app' : 'production');
  };
}

/** The role a path alone tells: test files and folders first (a test under scripts/ is a test), then tooling. */
export function roleOfPath(relativePath: string): CodeRole | undefined {
  const segments = relativePath.split('/');
  const folders = segments.slice(0, -1);
  if (TEST_FILE.test(relativePath) || TEST_SETUP_FILE.test(relativePath) || folders.some((folder) => TEST_FOLDERS.has(folder.toLowerCase()))) {
    return 'test';
  }
  if (folders.some((folder) => TOOLING_FOLDERS.has(folder.toLowerCase()) || TOOLING_FOLDER_SUFFIX.test(folder.toLowerCase())) || TOOLING_FILE.test(relativePath)) {
    return 'tooling';
  }
  return undefined;
}
