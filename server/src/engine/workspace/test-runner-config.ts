// Which files a test runner's configuration names as tests, when that configuration is data: jest*.json files and the
// `jest` field of package.json (`testRegex`, `testMatch`, relative to `rootDir`). Code-only configs (jest.config.ts,
// vitest.config.ts) are never executed; their files are found by the path conventions of code-roles.ts.
import { dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ScannedFiles } from './source-files.js';
import { asString, isRecord, readJsonObject, stringList, type DiscoveryLog } from './manifest-io.js';

/** A predicate over workspace-relative paths (forward slashes): does a test runner's configuration call this a test? */
export type TestFileMatcher = (relativePath: string) => boolean;

export function testFileMatcher(root: string, files: Pick<ScannedFiles, 'jestConfigFiles' | 'packageJsonFiles'>, log: DiscoveryLog): TestFileMatcher {
  const matchers: TestFileMatcher[] = [];
  for (const file of files.jestConfigFiles) {
    const config = readJsonObject(file, log);
    if (config) addJestConfig(root, dirname(file), config, matchers);
  }
  for (const file of files.packageJsonFiles) {
    // package.json files were read (and their problems reported) by package discovery; a broken one has no jest field.
    const quiet: DiscoveryLog = { problems: [], manifestFiles: new Set() };
    const jest = readJsonObject(file, quiet)?.jest;
    if (isRecord(jest)) addJestConfig(root, dirname(file), jest, matchers);
  }
  return (relativePath) => matchers.some((matches) => matches(relativePath));
}

function addJestConfig(root: string, folder: string, config: Record<string, unknown>, matchers: TestFileMatcher[]): void {
  const rootDir = resolve(folder, asString(config.rootDir) ?? '.');
  const under = relative(root, rootDir).split(sep).join('/');
  const inRootDir = (relativePath: string): string | undefined =>
    under === '' ? relativePath : relativePath.startsWith(`${under}/`) ? relativePath.slice(under.length + 1) : undefined;
  const regexes = (typeof config.testRegex === 'string' ? [config.testRegex] : stringList(config.testRegex)).flatMap((source) => {
    try {
      return [new RegExp(source)];
    } catch {
      return [];
    }
  });
  const globs = stringList(config.testMatch).map((glob) => glob.replace(/^<rootDir>\//, ''));
  const globMatcher = globs.length > 0 ? picomatch(globs, { dot: true }) : undefined;
  if (regexes.length === 0 && !globMatcher) return;
  matchers.push((relativePath) => {
    const inside = inRootDir(relativePath);
    if (inside === undefined) return false;
    return regexes.some((regex) => regex.test(inside)) || (globMatcher?.(inside) ?? false);
  });
}
