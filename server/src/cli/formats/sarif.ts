// SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps). Validated against the official schema in tests.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Fix, Severity, SeveritySetting } from '../../engine/types.js';
import type { RuleMeta } from '../../engine/rule-api.js';
import { PositionResolver, relativePosix } from './locations.js';
import type { Formatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SEAMLINT_INFORMATION_URI = 'https://github.com/seamlint/seamlint';
/** Key of our partial fingerprint; bump the version if the fingerprint's recipe ever changes. */
export const FINGERPRINT_KEY = 'seamlint/v1';
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';

// Plain object shapes (not @types/sarif, which the project does not depend on); the schema test guards their correctness.
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region: Region;
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

function defaultConfiguration(severity: SeveritySetting): { level: SarifLevel; enabled?: false } {
  // A rule that is off by default is still described, so a user who enables it gets its metadata; SARIF says it is off
  // with enabled: false, and 'none' (in the schema's level enum) because it has no severity until the user gives it one.
  return severity === 'off' ? { enabled: false, level: 'none' } : { level: sarifLevel(severity) };
}

export const formatSarif: Formatter = (result, options) => {
  const positions = new PositionResolver(result.texts);
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));

  /** Inside the root: a %SRCROOT%-relative URI; outside it (rare: a related file elsewhere) an absolute file URI. */
  const artifactLocation = (file: string): ArtifactLocation => {
    const relative = relativePosix(result.root, file);
    if (relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
    return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  };
  const physicalLocation = (file: string, start: number, end: number): PhysicalLocation => {
    const { line, column, endLine, endColumn } = positions.range(file, start, end);
    return { artifactLocation: artifactLocation(file), region: { startLine: line, startColumn: column, endLine, endColumn } };
  };

  const toSarifFix = (fix: Fix) => ({
    description: { text: fix.title },
    artifactChanges: Object.entries(fix.edits).map(([file, edits]) => ({
      artifactLocation: artifactLocation(file),
      replacements: edits.map((edit) => ({
        deletedRegion: physicalLocation(file, edit.start, edit.end).region,
        ...(edit.newText !== '' ? { insertedContent: { text: edit.newText } } : {}),
      })),
    })),
    properties: { kind: fix.kind },
  });

  const toResult = (finding: Finding) => {
    const index = ruleIndex.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: sarifLevel(finding.severity),
      message: { text: finding.message },
      locations: [{ physicalLocation: physicalLocation(finding.file, finding.start, finding.end) }],
      ...(finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((location, id) => ({
              id,
              physicalLocation: physicalLocation(location.file, location.start, location.end),
              ...(location.message !== undefined ? { message: { text: location.message } } : {}),
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint ?? fallbackFingerprint(finding, result.root, result.texts) },
      ...(finding.fixes.length > 0 ? { fixes: finding.fixes.map(toSarifFix) } : {}),
    };
  };

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seamlint',
            version: options.toolVersion,
            informationUri: SEAMLINT_INFORMATION_URI,
            rules: result.rules.map(toReportingDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(result.root) } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map(toResult),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toReportingDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: rule.docsUrl,
    defaultConfiguration: defaultConfiguration(rule.severity),
    properties: { category: rule.category, tags: [rule.category] },
  };
}

/** SARIF requires base URIs to end with a slash, or relative URIs would resolve against the parent folder. */
function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * Used when the report layer gave no fingerprint: rule, file and the flagged text, but not the line, so the identity survives
 * edits elsewhere in the file (what code-scanning services use partialFingerprints for).
 */
function fallbackFingerprint(finding: Finding, root: string, texts: ReadonlyMap<string, string>): string {
  const flagged = (texts.get(finding.file) ?? '').slice(finding.start, finding.end);
  return createHash('sha256')
    .update([finding.ruleId, relativePosix(root, finding.file), flagged, finding.message].join('\0'))
    .digest('hex')
    .slice(0, 32);
}
