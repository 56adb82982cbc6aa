import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, formatSarif } from './sarif.js';
import { loadSarifValidator } from '../../../../test/support/sarif-validator.js';
import { CLIENT_FILE, CYCLE, MISSING_TIMEOUT, PLAIN, ROOT, sampleResult } from './test-data.js';

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; defaultConfiguration: { level: string; enabled?: boolean } }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<Record<string, unknown> & { ruleIndex?: number; partialFingerprints: Record<string, string> }>;
  }>;
}

const sarifOf = (findings = [CYCLE, MISSING_TIMEOUT]): SarifLog => JSON.parse(formatSarif(sampleResult(findings), PLAIN)) as SarifLog;

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with and without findings', () => {
    const validate = loadSarifValidator();
    for (const log of [JSON.parse(formatSarif(sampleResult(), PLAIN)), JSON.parse(formatSarif(sampleResult([]), PLAIN))]) {
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('the validator does reject malformed logs', () => {
    const validate = loadSarifValidator();
    // `any` is JSON.parse's own result type (a library boundary): these mutations break the raw log on purpose.
    const mutations: Array<(log: ReturnType<typeof JSON.parse>) => void> = [
      (log) => (log.runs[0].results[0].level = 'info'),
      (log) => (log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0),
      (log) => (log.runs[0].results[0].unknownProperty = true),
      (log) => delete log.runs[0].tool.driver.name,
    ];
    for (const mutate of mutations) {
      const log = JSON.parse(formatSarif(sampleResult(), PLAIN));
      mutate(log);
      expect(validate(log), mutate.toString()).toBe(false);
    }
  });

  it('describes the tool and every rule, off rules as disabled', () => {
    const { driver } = sarifOf().runs[0]!.tool;
    expect(driver.name).toBe('seamlint');
    expect(driver.version).toBe('1.2.3');
    expect(driver.rules.map((rule) => [rule.id, rule.defaultConfiguration])).toEqual([
      ['cyclic-service-dependency', { level: 'error' }],
      ['hardcoded-endpoint', { level: 'note' }],
      ['missing-timeout', { level: 'warning' }],
      ['remote-call-in-loop', { enabled: false, level: 'none' }],
    ]);
    expect(driver.rules[2]).toMatchObject({
      shortDescription: { text: 'Remote calls must have a timeout.' },
      helpUri: 'https://github.com/seamlint/seamlint/blob/main/rules/docs/missing-timeout.md',
      properties: { category: 'failure-handling' },
    });
  });

  it('reports a result with 1-based region, relative URI, related location, fingerprint and fix', () => {
    const run = sarifOf().runs[0]!;
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${ROOT.split(path.sep).join('/')}/`);
    expect(run.results[1]).toEqual({
      ruleId: 'missing-timeout',
      ruleIndex: 2,
      level: 'warning',
      message: { text: MISSING_TIMEOUT.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/orders/src/app.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 21, endLine: 4, endColumn: 59 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 0,
          physicalLocation: {
            artifactLocation: { uri: 'services/inventory/src/server.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 8 },
          },
          message: { text: 'handler of GET /items/:id' },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: 'fp-missing-timeout-1' },
      fixes: [
        {
          description: { text: 'Add `signal: AbortSignal.timeout(10000)`' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'services/orders/src/app.ts', uriBaseId: '%SRCROOT%' },
              replacements: [
                {
                  deletedRegion: { startLine: 4, startColumn: 58, endLine: 4, endColumn: 58 },
                  insertedContent: { text: ', { signal: AbortSignal.timeout(10000) }' },
                },
              ],
            },
          ],
          properties: { kind: 'safe' },
        },
      ],
    });
  });

  it('maps info to note, leaves out empty parts, and fingerprints findings the report layer did not', () => {
    const [cycle] = sarifOf([CYCLE]).runs[0]!.results;
    expect(cycle).not.toHaveProperty('fixes');
    expect(cycle).not.toHaveProperty('relatedLocations');
    expect(cycle!.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    // Stable: the same finding moved down a line (a line inserted above it) keeps its fingerprint.
    const inserted = '// a new first line\n';
    const shifted = sampleResult([{ ...CYCLE, start: CYCLE.start + inserted.length, end: CYCLE.end + inserted.length }]);
    const texts = new Map(shifted.texts).set(CYCLE.file, inserted + shifted.texts.get(CYCLE.file)!);
    const moved = (JSON.parse(formatSarif({ ...shifted, texts }, PLAIN)) as SarifLog).runs[0]!.results[0]!;
    expect(moved['locations']).not.toEqual(cycle!['locations']);
    expect(moved.partialFingerprints).toEqual(cycle!.partialFingerprints);
    const log = JSON.parse(formatSarif(sampleResult(), PLAIN)) as SarifLog;
    expect(log.runs[0]!.results.map((result) => result['level'])).toEqual(['error', 'warning', 'note']);
  });

  it('percent-encodes URIs and deletes without insertedContent', () => {
    const odd = path.join(ROOT, 'services/orders/src/[id] page.ts');
    const result = sampleResult([{ ...CYCLE, file: odd, start: 0, end: 1 }]);
    const log = JSON.parse(formatSarif({ ...result, texts: new Map([...result.texts, [odd, 'x\n']]) }, PLAIN)) as SarifLog;
    const location = (log.runs[0]!.results[0]!['locations'] as Array<{ physicalLocation: { artifactLocation: { uri: string } } }>)[0]!;
    expect(location.physicalLocation.artifactLocation.uri).toBe('services/orders/src/%5Bid%5D%20page.ts');
    const hardcoded = JSON.parse(formatSarif(sampleResult(), PLAIN)).runs[0].results[2];
    const clientChange = hardcoded.fixes[0].artifactChanges[1];
    expect(clientChange.artifactLocation.uri).toBe(path.relative(ROOT, CLIENT_FILE).split(path.sep).join('/'));
    expect(clientChange.replacements).toEqual([{ deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 53 } }]);
  });
});
