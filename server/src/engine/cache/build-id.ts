// What a cache entry was computed by. A release's version is not enough while developing (facts change shape between
// commits of the same version), so bundles carry a build id: a hash of the engine and rule sources, set by esbuild.
import { version } from '../../../../package.json';

declare const SEAMLINT_BUILD_ID: string | undefined;

export const SEAMLINT_VERSION: string = version;

export function buildId(): string {
  return typeof SEAMLINT_BUILD_ID === 'string' ? `${SEAMLINT_VERSION}+${SEAMLINT_BUILD_ID}` : `${SEAMLINT_VERSION}+source`;
}
