// Where seamlint's own files are at run time: the folder holding its package.json. The bundle lives in dist/, the sources in
// server/src/cli/, so the CLI walks up from its own folder rather than assuming a fixed depth.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findPackageRoot(startDirectory: string): string | undefined {
  let directory = path.resolve(startDirectory);
  for (;;) {
    if (fs.existsSync(path.join(directory, 'package.json'))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export function readPackageVersion(packageRoot: string | undefined): string {
  if (!packageRoot) return '0.0.0';
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
    const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `rules/docs/<id>.md` under the package root, or undefined when it does not ship (or the id is not a plain name). */
export function readRuleDocs(packageRoot: string | undefined, ruleId: string): string | undefined {
  if (!packageRoot || !/^[a-z0-9][a-z0-9-]*$/.test(ruleId)) return undefined;
  try {
    return fs.readFileSync(path.join(packageRoot, 'rules', 'docs', `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
