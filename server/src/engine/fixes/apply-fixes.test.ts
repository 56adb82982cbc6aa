import { describe, expect, it } from 'vitest';
import type { Finding, Fix } from '../types.js';
import { applyFixes, planFixes } from './apply-fixes.js';

const FILE = '/ws/a.ts';
const OTHER = '/ws/b.ts';
const NEW_FILE = '/ws/new.ts';

function finding(start: number, fixes: Fix[]): Finding {
  return { ruleId: 'r', severity: 'warning', file: FILE, start, end: start + 1, message: 'm', related: [], fixes };
}

const safe = (edits: Fix['edits']): Fix => ({ title: 'safe fix', kind: 'safe', edits });
const unsafe = (edits: Fix['edits']): Fix => ({ title: 'unsafe fix', kind: 'unsafe', edits });

const texts: Record<string, string> = { [FILE]: 'aaaa bbbb cccc', [OTHER]: 'export {};\n' };
const readText = (file: string): string | undefined => texts[file];

describe('applyFixes', () => {
  it("applies each finding's first safe fix, never an unsafe one", () => {
    const files = applyFixes(
      [
        finding(0, [unsafe({ [FILE]: [{ start: 0, end: 4, newText: 'UNSAFE' }] }), safe({ [FILE]: [{ start: 0, end: 4, newText: 'A' }] })]),
        finding(10, [unsafe({ [FILE]: [{ start: 10, end: 14, newText: 'C' }] })]),
      ],
      readText,
    );
    expect([...files]).toEqual([[FILE, 'A bbbb cccc']]);
  });

  it('applies the first fix of any kind when unsafe fixes are included (rule tests)', () => {
    const files = applyFixes([finding(10, [unsafe({ [FILE]: [{ start: 10, end: 14, newText: 'C' }] })])], readText, { includeUnsafe: true });
    expect(files.get(FILE)).toBe('aaaa bbbb C');
  });

  it('applies a multi-file fix whole, and creates files that do not exist yet', () => {
    const files = applyFixes(
      [
        finding(5, [
          safe({
            [FILE]: [{ start: 5, end: 9, newText: 'B' }],
            [OTHER]: [{ start: 0, end: 0, newText: "import './new.js';\n" }],
            [NEW_FILE]: [{ start: 0, end: 0, newText: 'export const created = true;\n' }],
          }),
        ]),
      ],
      readText,
    );
    expect(Object.fromEntries(files)).toEqual({
      [FILE]: 'aaaa B cccc',
      [OTHER]: "import './new.js';\nexport {};\n",
      [NEW_FILE]: 'export const created = true;\n',
    });
  });

  it('skips a fix that overlaps or touches one accepted earlier, whole, and reports it as conflicting', () => {
    const first = finding(0, [safe({ [FILE]: [{ start: 0, end: 4, newText: 'A' }] })]);
    // Touches the first at offset 4 in FILE; its edit to OTHER must not be applied either.
    const touching = finding(4, [safe({ [FILE]: [{ start: 4, end: 5, newText: '_' }], [OTHER]: [{ start: 0, end: 6, newText: 'X' }] })]);
    const independent = finding(10, [safe({ [FILE]: [{ start: 10, end: 14, newText: 'C' }] })]);
    const outcome = planFixes([first, touching, independent], readText);
    expect(Object.fromEntries(outcome.files)).toEqual({ [FILE]: 'A bbbb C' });
    expect(outcome.fixed).toEqual([first, independent]);
    expect(outcome.conflicting).toEqual([touching]);
  });

  it('rejects a fix whose own edits overlap or fall outside the file', () => {
    const outcome = planFixes(
      [
        finding(0, [safe({ [FILE]: [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }] })]),
        finding(5, [safe({ [FILE]: [{ start: 5, end: 99, newText: 'z' }] })]),
      ],
      readText,
    );
    expect(outcome.files.size).toBe(0);
    expect(outcome.conflicting).toHaveLength(2);
  });

  it('leaves out files whose text a fix does not change', () => {
    const outcome = planFixes([finding(0, [safe({ [FILE]: [{ start: 0, end: 4, newText: 'aaaa' }] })])], readText);
    expect(outcome.files.size).toBe(0);
    expect(outcome.fixed).toHaveLength(1);
  });
});
