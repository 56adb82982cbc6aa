// The entry point of the workspace layer: one pass over the workspace that yields everything the later layers need
// to know about files and folders. It never throws on bad input: broken manifests become `problems`.
import { basename, relative, resolve, sep } from 'node:path';
import type { ConfiguredService, DiscoverOptions, Workspace } from './types.js';
import { createRoleClassifier } from './code-roles.js';
import { isComposeFileName, readComposeFile } from './compose.js';
import { readEnvFiles } from './env-files.js';
import { readKubernetesDeployments } from './kubernetes.js';
import { createDiscoveryLog, stringList } from './manifest-io.js';
import { discoverPackages } from './packages.js';
import { readSkaffoldBuilds, withImageBuilds } from './skaffold.js';
import { scanWorkspaceFiles } from './source-files.js';
import { testFileMatcher } from './test-runner-config.js';

export async function discoverWorkspace(root: string, options: DiscoverOptions): Promise<Workspace> {
  const workspaceRoot = resolve(root);
  const safeOptions = sanitizeOptions(options);
  const log = createDiscoveryLog();
  const files = await scanWorkspaceFiles(workspaceRoot, safeOptions.ignore);
  const composeFiles = files.yamlFiles.filter((file) => isComposeFileName(basename(file)) && depthBelow(workspaceRoot, file) <= 1);
  const otherYamlFiles = files.yamlFiles.filter((file) => !isComposeFileName(basename(file)));
  const deployments = withImageBuilds(
    [...composeFiles.flatMap((file) => readComposeFile(file, log)), ...readKubernetesDeployments(otherYamlFiles, log)],
    readSkaffoldBuilds(otherYamlFiles, log),
  );
  const packages = await discoverPackages({
    root: workspaceRoot,
    options: safeOptions,
    projectJsonFiles: files.projectJsonFiles,
    sourceFiles: files.sourceFiles,
    packageJsonFiles: files.packageJsonFiles,
    dockerfiles: files.dockerfiles,
    nestCliFiles: files.nestCliFiles,
    tsconfigFiles: files.tsconfigFiles,
    deployments,
    log,
  });
  const envFiles = readEnvFiles([workspaceRoot, ...packages.map((pkg) => pkg.root)], log);

  return {
    root: workspaceRoot,
    packages,
    deployments,
    configuredServices: configuredServices(workspaceRoot, safeOptions),
    notServices: (safeOptions.notServices ?? []).map((folder) => resolve(workspaceRoot, folder)),
    envFiles,
    sourceFiles: files.sourceFiles,
    tsconfigFiles: files.tsconfigFiles,
    manifestFiles: [...log.manifestFiles].sort(),
    prismaFiles: files.prismaFiles,
    dockerfiles: files.dockerfiles,
    roleOf: createRoleClassifier({ root: workspaceRoot, packages, isConfiguredTest: testFileMatcher(workspaceRoot, files, log) }),
    problems: log.problems,
  };
}

/** The config layer validates options; this only keeps a slipped-through bad value from throwing here. */
function sanitizeOptions(options: DiscoverOptions): DiscoverOptions {
  const services = Object.entries(options.services ?? {}).filter(([, service]) => typeof service?.root === 'string');
  return {
    ignore: (options.ignore ?? []).filter((glob) => typeof glob === 'string'),
    services: Object.fromEntries(services.map(([name, service]) => [name, { root: service.root, urls: stringList(service.urls) }])),
    notServices: stringList(options.notServices),
  };
}

function configuredServices(root: string, options: DiscoverOptions): ConfiguredService[] {
  return Object.entries(options.services).map(([name, service]) => ({
    name,
    root: resolve(root, service.root),
    urls: [...(service.urls ?? [])],
  }));
}

/** How many folders below the root the file sits: 0 for a file at the root. */
function depthBelow(root: string, file: string): number {
  return relative(root, file).split(sep).length - 1;
}
