import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceSession } from '../engine/session/index.js';
import { defineRule } from '../engine/rule-api.js';
import { LineMap } from '../engine/text.js';
import { createTempWorkspace, removeTempWorkspaces } from '../engine/workspace/temp-workspace.js';
import { applyEdits } from '../engine/fixes/index.js';
import { disableFileEdit, disableLineEdit } from './code-actions.js';
import { fixAllEdits } from './fix-all.js';

afterEach(removeTempWorkspaces);

/** Every `AA` (overlapping ones too) is a finding whose safe fix makes it `A`; `ZZ` gets an unsafe fix. */
const squash = defineRule({
  id: 'missing-timeout',
  category: 'failure-handling',
  severity: 'warning',
  fix: 'safe',
  description: 'Test rule.',
  options: {},
  check({ file, report }) {
    for (let at = file.text.indexOf('AA'); at >= 0; at = file.text.indexOf('AA', at + 1)) {
      report({ start: at, end: at + 2, message: 'squash', fixes: [{ title: 'Squash', kind: 'safe', edits: { [file.path]: [{ start: at, end: at + 2, newText: 'A' }] } }] });
    }
    for (let at = file.text.indexOf('ZZ'); at >= 0; at = file.text.indexOf('ZZ', at + 2)) {
      report({ start: at, end: at + 2, message: 'zz', fixes: [{ title: 'Unsafe', kind: 'unsafe', edits: { [file.path]: [{ start: at, end: at + 2, newText: 'Z' }] } }] });
    }
  },
});

async function sessionWith(text: string) {
  const root = createTempWorkspace({ 'package.json': '{ "name": "ws" }', 'src/a.ts': text });
  const session = await WorkspaceSession.open(root, { rules: [squash] });
  await session.analyze();
  return { session, path: `${root}/src/a.ts` };
}

describe('fixAllEdits', () => {
  it('applies non-overlapping safe fixes in one pass, as their own edits', async () => {
    const { session, path } = await sessionWith("const a = 'AA';\nconst z = 'ZZ';\nconst b = 'AA';\n");
    const outcome = fixAllEdits(session, path, session.textOf(path)!)!;
    expect(outcome).toMatchObject({ fixed: 2, passes: 1 });
    expect(outcome.edits).toHaveLength(2);
    expect(applyEdits(session.textOf(path)!, outcome.edits).text).toBe("const a = 'A';\nconst z = 'ZZ';\nconst b = 'A';\n");
  });

  it('re-analyzes and fixes again when fixes overlapped, up to a fixed point', async () => {
    const { session, path } = await sessionWith("const a = 'AAAA';\n");
    const outcome = fixAllEdits(session, path, session.textOf(path)!)!;
    expect(outcome.passes).toBeGreaterThan(1);
    expect(applyEdits(session.textOf(path)!, outcome.edits).text).toBe("const a = 'A';\n");
    // The session itself still holds the file as it is.
    expect(session.findingsOf(path).filter((f) => f.message === 'squash')).toHaveLength(3);
  });

  it('has nothing to do without safe fixes', async () => {
    const { session, path } = await sessionWith("const z = 'ZZ';\n");
    expect(fixAllEdits(session, path, session.textOf(path)!)).toBeUndefined();
  });
});

describe('suppression comments', () => {
  it('writes a next-line comment with the line\'s indentation and line ending', () => {
    const lines = new LineMap('function f() {\r\n    call();\r\n}\r\n');
    expect(disableLineEdit(lines, 1, 'missing-timeout')).toEqual({ start: 16, end: 16, newText: '    // seamlint-disable-next-line missing-timeout -- <reason>\r\n' });
  });

  it('writes a file comment first, or after a shebang', () => {
    expect(disableFileEdit(new LineMap('import x from "x";\n'), 'sync-call-chain')).toEqual({ start: 0, end: 0, newText: '// seamlint-disable sync-call-chain -- <reason>\n' });
    expect(disableFileEdit(new LineMap('#!/usr/bin/env node\ncall();\n'), 'sync-call-chain').start).toBe(20);
  });
});
