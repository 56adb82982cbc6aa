// Code actions for the findings under the cursor: the rule's fixes (the first safe one preferred), "Disable <rule> for
// this line / file" (a suppression comment whose `<reason>` placeholder the user replaces: suppressions without a
// reason are findings of their own), "Show documentation for <rule>"; and `source.fixAll.seamlint` for the file.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver/node';
import { engineRules, ruleById } from '../../../rules/index.js';
import type { WorkspaceSession } from '../engine/session/index.js';
import type { LineMap } from '../engine/text.js';
import type { Finding, TextEdit } from '../engine/types.js';
import type { ServerContext } from './context.js';
import { LineLookup, toDiagnostic } from './diagnostics.js';
import { fixAllEdits } from './fix-all.js';
import { FIX_ALL_KIND, OPEN_RULE_DOCS_COMMAND } from './protocol.js';
import { requestFile } from './request-file.js';
import { toWorkspaceEdit } from './workspace-edits.js';

export const REASON_PLACEHOLDER = '<reason>';
const ENGINE_RULES = new Set(engineRules.map((rule) => rule.id));

export async function provideCodeActions(context: ServerContext, params: CodeActionParams, token: { isCancellationRequested: boolean }): Promise<CodeAction[]> {
  const target = await requestFile(context, params.textDocument.uri, token);
  if (!target) return [];
  const { path, session, file } = target;

  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const start = file.lines.offsetAt(params.range.start);
    const end = file.lines.offsetAt(params.range.end);
    const findings = session.findingsOf(path).filter((finding) => finding.start <= end && finding.end >= start);
    actions.push(...quickFixes(context, session, file.lines, findings, params.context.diagnostics));
  }
  if (wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(context, session, path, file.text);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function quickFixes(context: ServerContext, session: WorkspaceSession, lines: LineMap, findings: readonly Finding[], sent: readonly Diagnostic[]): CodeAction[] {
  const lookup = new LineLookup(session);
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  for (const finding of findings) {
    const ours = toDiagnostic(finding, lookup, context.uris);
    // The client's own diagnostic object, when it sent it: that is how it ties the action to the squiggle.
    const diagnostic = sent.find((d) => d.code === finding.ruleId && sameRange(d, ours)) ?? ours;
    let preferred = false;
    for (const fix of finding.fixes) {
      const edit = toWorkspaceEdit(context, session, fix.edits);
      if (!edit) continue;
      const isPreferred: boolean = fix.kind === 'safe' && !preferred;
      preferred ||= isPreferred;
      fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit });
    }
    const rule = finding.ruleId;
    const line = lines.positionAt(finding.start).line;
    if (!ENGINE_RULES.has(rule) && once(`line:${rule}:${line}`)) {
      const edit = toWorkspaceEdit(context, session, { [finding.file]: [disableLineEdit(lines, line, rule)] });
      if (edit) disables.push({ title: `Disable ${rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    }
    if (!ENGINE_RULES.has(rule) && once(`file:${rule}`)) {
      const edit = toWorkspaceEdit(context, session, { [finding.file]: [disableFileEdit(lines, rule)] });
      if (edit) disables.push({ title: `Disable ${rule} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    }
    if (once(`docs:${rule}`) && ruleById(rule)) docs.push({ title: `Show documentation for ${rule}`, kind: CodeActionKind.QuickFix, command: docsCommand(context, rule) });
  }
  return [...fixes, ...disables, ...docs];
}

/** `// seamlint-disable-next-line <rule> -- <reason>` above the line, indented like it. */
export function disableLineEdit(lines: LineMap, line: number, rule: string): TextEdit {
  const text = lines.lineText(line);
  const indent = text.slice(0, text.length - text.trimStart().length);
  const at = lines.offsetAt({ line, character: 0 });
  return { start: at, end: at, newText: `${indent}// seamlint-disable-next-line ${rule} -- ${REASON_PLACEHOLDER}${eolOf(lines.text)}` };
}

/** `// seamlint-disable <rule> -- <reason>` as the file's first line (after a shebang): file-wide ones must be in the header. */
export function disableFileEdit(lines: LineMap, rule: string): TextEdit {
  const at = lines.lineText(0).startsWith('#!') ? lines.offsetAt({ line: 1, character: 0 }) : 0;
  const eol = eolOf(lines.text);
  const needsBreak = at === lines.text.length && at > 0 && !lines.text.endsWith('\n');
  return { start: at, end: at, newText: `${needsBreak ? eol : ''}// seamlint-disable ${rule} -- ${REASON_PLACEHOLDER}${eol}` };
}

function docsCommand(context: ServerContext, rule: string): Command {
  const title = `Show documentation for ${rule}`;
  const clientCommand = context.initOptions.commands?.explainRule;
  return { title, command: clientCommand ?? OPEN_RULE_DOCS_COMMAND, arguments: [rule] };
}

function fixAllAction(context: ServerContext, session: WorkspaceSession, path: string, text: string): CodeAction | undefined {
  const outcome = fixAllEdits(session, path, text);
  if (!outcome) return undefined;
  const edit = toWorkspaceEdit(context, session, { [path]: outcome.edits });
  if (!edit) return undefined;
  return { title: 'Fix all safe seamlint problems', kind: FIX_ALL_KIND, edit };
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  const { start, end } = a.range;
  return start.line === b.range.start.line && start.character === b.range.start.character && end.line === b.range.end.line && end.character === b.range.end.character;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
