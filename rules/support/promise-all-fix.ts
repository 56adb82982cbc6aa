// The `Promise.all` rewrite of sequential-remote-calls: awaited statements in one block become one statement that
// awaits them together, keeping the names they bound; statements that stood between them move after it.
import ts from 'typescript';
import type { AnalyzedFile } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { indentationAt } from './remote-interactions.js';

/** How an awaited statement is written: a declaration (`const x = await …`) or a bare `await …;`. */
export type FixShape = { kind: 'const' | 'let' | 'var'; name: ts.BindingName; type?: ts.TypeNode | undefined } | { kind: 'bare' };

export interface FixMember {
  statement: ts.Statement;
  /** The awaited expression. */
  operand: ts.Expression;
  shape: FixShape;
}

/** Longer statements are written one array element per line, as a formatter would. */
const MAX_LINE = 100;

/**
 * `const a = await x(); const b = await y();` → `const [a, b] = await Promise.all([x(), y()]);`.
 * Declaration kinds: all `const` stay `const`; `let` with `const` becomes `let` (a `let` binding may be reassigned
 * later, and loosening a `const` changes nothing at runtime); `var` only combines with `var` and bare awaits, since
 * `var` and `let`/`const` differ in scope. Bare awaits leave a hole (`[a, , c]`). Type annotations are kept as a tuple
 * type when every declaration has one; a mix of annotated and unannotated declarations gets no fix.
 */
export function promiseAllFix(file: AnalyzedFile, members: readonly FixMember[], moved: readonly ts.Statement[]): Fix | undefined {
  const { text, sourceFile } = file;
  const declarations = members.flatMap((member) => (member.shape.kind === 'bare' ? [] : [member.shape]));
  const kinds = new Set(declarations.map((shape) => shape.kind));
  if (kinds.has('var') && kinds.size > 1) return undefined;
  const typed = declarations.filter((shape) => shape.type !== undefined);
  if (typed.length > 0 && typed.length < declarations.length) return undefined;
  const kind = kinds.size === 0 ? undefined : kinds.has('var') ? 'var' : kinds.has('let') ? 'let' : 'const';

  const source = (node: ts.Node) => text.slice(node.getStart(sourceFile), node.end);
  let head = '';
  if (kind) {
    const patterns = members.map((member) => (member.shape.kind === 'bare' ? '' : source(member.shape.name)));
    while (patterns[patterns.length - 1] === '') patterns.pop();
    const tuple = typed.length > 0 ? `: [${members.map((member) => (member.shape.kind === 'bare' ? 'unknown' : source(member.shape.type!))).join(', ')}]` : '';
    head = `${kind} [${patterns.join(', ')}]${tuple} = `;
  }

  const firstStart = members[0]!.statement.getStart(sourceFile);
  const indent = indentationAt(text, firstStart);
  const operands = members.map((member) => source(member.operand));
  const single = `${head}await Promise.all([${operands.join(', ')}]);`;
  const multiline = operands.some((operand) => operand.includes('\n')) || indent.length + single.length > MAX_LINE;
  const statement = multiline
    ? `${head}await Promise.all([\n${operands.map((operand) => `${indent}  ${operand.replace(/\n/g, '\n  ')},`).join('\n')}\n${indent}]);`
    : single;

  // Comments written above the later calls would vanish with their statements: keep them above the combined one.
  const comments = members
    .slice(1)
    .flatMap((member) => ts.getLeadingCommentRanges(text, member.statement.pos) ?? [])
    .map((range) => `${text.slice(range.pos, range.end)}\n${indent}`)
    .join('');
  const movedText = moved.map((node) => text.slice(node.pos, node.end)).join('');
  const last = members[members.length - 1]!.statement;
  return {
    title: moved.length > 0 ? 'Run the calls together with Promise.all (moves the statements between them after it)' : 'Run the calls together with Promise.all',
    kind: moved.length > 0 ? 'unsafe' : 'safe',
    edits: { [file.path]: [{ start: firstStart, end: last.end, newText: comments + statement + movedText }] },
  };
}
