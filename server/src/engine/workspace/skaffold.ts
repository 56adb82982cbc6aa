// Skaffold says which folder each image is built from (`build.artifacts[].image` + `context`): the link between a
// Kubernetes workload's image and the package it deploys, which manifests alone do not give.
import { basename, dirname, resolve } from 'node:path';
import type { DeploymentService } from './types.js';
import { asString, isRecord, parseYamlDocuments, readText, type DiscoveryLog } from './manifest-io.js';

export interface ImageBuild {
  /** Image name without tag or digest. */
  image: string;
  /** Absolute build context. */
  context: string;
  dockerfile?: string;
}

export function readSkaffoldBuilds(yamlFiles: readonly string[], log: DiscoveryLog): ImageBuild[] {
  const builds: ImageBuild[] = [];
  for (const file of yamlFiles) {
    if (!/^skaffold[\w.-]*\.ya?ml$/.test(basename(file))) continue;
    const text = readText(file, log);
    if (text === undefined) continue;
    log.manifestFiles.add(file);
    for (const document of parseYamlDocuments(file, text, log)) {
      const artifacts = isRecord(document) && isRecord(document.build) ? document.build.artifacts : undefined;
      if (!Array.isArray(artifacts)) continue;
      for (const artifact of artifacts) {
        const image = isRecord(artifact) ? asString(artifact.image) : undefined;
        if (!image || !isRecord(artifact)) continue;
        const context = resolve(dirname(file), asString(artifact.context) ?? '.');
        const dockerfile = isRecord(artifact.docker) ? asString(artifact.docker.dockerfile) : undefined;
        builds.push({ image: imageName(image), context, ...(dockerfile ? { dockerfile: resolve(context, dockerfile) } : {}) });
      }
    }
  }
  return builds;
}

/** Gives each deployment whose image a skaffold artifact builds that artifact's context and Dockerfile. */
export function withImageBuilds(deployments: DeploymentService[], builds: readonly ImageBuild[]): DeploymentService[] {
  if (builds.length === 0) return deployments;
  return deployments.map((deployment) => {
    if (deployment.buildContext || !deployment.image) return deployment;
    const build = builds.find((candidate) => candidate.image === imageName(deployment.image!));
    if (!build) return deployment;
    return { ...deployment, buildContext: build.context, ...(build.dockerfile ? { dockerfile: build.dockerfile } : {}) };
  });
}

/** `registry:5000/shop/orders:1.4@sha256:…` → `registry:5000/shop/orders`. */
export function imageName(image: string): string {
  const withoutDigest = image.replace(/@.*$/, '');
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagAt = withoutDigest.indexOf(':', lastSlash + 1);
  return tagAt === -1 ? withoutDigest : withoutDigest.slice(0, tagAt);
}
