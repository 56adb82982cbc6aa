// Hand-written retries of a remote call (unbounded-retry): loops (`while (true)`, `for (;;)`, `while (!connected)`) and
// functions that call themselves from the `catch` of a remote call. They are found here rather than as facts because
// whether the retried call is remote takes the linked model (wrappers, client classes, other files).
//
// A retry is told apart from a loop that re-polls (a consumer's receive loop) by what happens on success: a retry leaves
// the loop once the call works, a poll loop goes round again. It is bounded when an attempt counter (a variable the
// code counts up or down, or the clock) decides an exit: the loop's condition, or an `if` that throws, returns or breaks.
import ts from 'typescript';
import type { AnalyzedFile, RemoteEffect, SystemModel } from '../../server/src/engine/model/types.js';
import { callsIn, isAwaitedCall, ownEffects, quote, stripParentheses, walk } from './remote-interactions.js';

export interface HandWrittenRetry {
  kind: 'loop' | 'recursion';
  /** Where the finding goes: the loop keyword, or the recursive call (or the function handed to a timer). */
  start: number;
  end: number;
  /** The construct as a reader knows it: `while (true)`, `for (;;)`, `connect()`. */
  label: string;
  /** The remote call whose failure is retried, and what it reaches. */
  call: ts.CallExpression;
  effects: RemoteEffect[];
}

type Loop = ts.WhileStatement | ts.DoStatement | ts.ForStatement;

interface RemoteAttempt {
  call: ts.CallExpression;
  effects: RemoteEffect[];
}

export function handWrittenRetries(file: AnalyzedFile, model: SystemModel): HandWrittenRetry[] {
  const found: HandWrittenRetry[] = [];
  walk(
    file.sourceFile,
    (node) => {
      if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForStatement(node)) {
        const retry = loopRetry(file, model, node);
        if (retry) found.push(retry);
      } else if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        found.push(...recursiveRetries(file, model, node as ts.FunctionLikeDeclaration));
      }
    },
    { enterFunctions: true },
  );
  return found.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------------------
// Loops

function loopRetry(file: AnalyzedFile, model: SystemModel, loop: Loop): HandWrittenRetry | undefined {
  const condition = conditionOf(loop);
  const endless = condition === undefined || isConstantTrue(condition);
  for (const attempt of triesOf(loop)) {
    const remote = firstRemoteCall(file, model, attempt.tryBlock);
    if (!remote || !attempt.catchClause) continue;
    // A catch that always throws, returns or leaves the loop fails fast: that is not a retry.
    if (leavesUnconditionally(attempt.catchClause.block, loop)) continue;
    const assigned = assignedNames(attempt.tryBlock);
    // `while (!connected)` / `while (!result)`: the try's success sets what the condition reads.
    const successFlag = !endless && condition !== undefined && mentionsAny(condition, assigned);
    if (!endless && !successFlag) continue;
    if (!successFlag && !leavesOnSuccess(loop, attempt, remote.call, assigned)) continue;
    if (isBoundedLoop(loop)) return undefined;
    const start = loop.getStart(file.sourceFile);
    const keyword = ts.isDoStatement(loop) ? 'do' : ts.isWhileStatement(loop) ? 'while' : 'for';
    return { kind: 'loop', start, end: start + keyword.length, label: loopLabel(file, loop), ...remote };
  }
  return undefined;
}

/** What decides whether the loop goes round again; `for (;;)` has none. */
function conditionOf(loop: Loop): ts.Expression | undefined {
  return ts.isForStatement(loop) ? loop.condition : loop.expression;
}

function isConstantTrue(condition: ts.Expression): boolean {
  const node = stripParentheses(condition);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  return ts.isNumericLiteral(node) && Number(node.text) !== 0;
}

/** The try statements that belong to this loop: not inside a function or a nested loop written in its body. */
function triesOf(loop: Loop): ts.TryStatement[] {
  const tries: ts.TryStatement[] = [];
  walkOwn(loop.statement, (node) => {
    if (ts.isTryStatement(node)) tries.push(node);
  });
  return tries;
}

/** Like `walk`, but nested loops are not entered either: their tries and exits are theirs. */
function walkOwn(root: ts.Node, visit: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if (node !== root && (ts.isFunctionLike(node) || ts.isIterationStatement(node, false))) continue;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The first awaited call in the block that reaches a remote call (the failure a catch can see). */
function firstRemoteCall(file: AnalyzedFile, model: SystemModel, block: ts.Node, requireAwait = true): RemoteAttempt | undefined {
  for (const call of callsIn(block)) {
    if (requireAwait && !isAwaitedCall(file, call)) continue;
    const effects = ownEffects(model, file, call);
    if (effects.length > 0) return { call, effects };
  }
  return undefined;
}

/** A `throw`, `return`, `process.exit()` or a `break` of this loop written directly in the block (not under a condition). */
function leavesUnconditionally(block: ts.Block, loop: Loop): boolean {
  return block.statements.some(
    (statement) =>
      ts.isThrowStatement(statement) ||
      ts.isReturnStatement(statement) ||
      (ts.isBreakStatement(statement) && breaksLoop(statement, loop)) ||
      (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression) && statement.expression.expression.getText() === 'process.exit'),
  );
}

/**
 * Whether the loop ends once the remote call succeeded: a `return` or `break` after the call inside the try, or after the
 * try statement when only success gets there (the catch ends with `continue`, or the exit is guarded by what the try assigned).
 */
function leavesOnSuccess(loop: Loop, attempt: ts.TryStatement, call: ts.CallExpression, assigned: ReadonlySet<string>): boolean {
  const catchContinues = attempt.catchClause?.block.statements.at(-1)?.kind === ts.SyntaxKind.ContinueStatement;
  let leaves = false;
  walkOwn(loop.statement, (node) => {
    if (leaves || !(ts.isReturnStatement(node) || (ts.isBreakStatement(node) && breaksLoop(node, loop)))) return;
    // `return await call()` contains the call; an exit written before the call (a stop check) does not count.
    if (node.end >= call.end && node.end <= attempt.tryBlock.end) leaves = true;
    else if (node.pos >= attempt.end && (catchContinues || guardedBy(node, loop, assigned))) leaves = true;
  });
  return leaves;
}

function breaksLoop(statement: ts.BreakStatement, loop: Loop): boolean {
  if (statement.label) return ts.isLabeledStatement(loop.parent) && loop.parent.label.text === statement.label.text;
  for (let current = statement.parent; current && current !== loop; current = current.parent) {
    if (ts.isIterationStatement(current, false) || ts.isSwitchStatement(current)) return false;
  }
  return true;
}

/** The statement sits under an `if` (inside the loop) whose condition reads one of the names. */
function guardedBy(statement: ts.Node, loop: Loop, names: ReadonlySet<string>): boolean {
  for (let current = statement.parent; current && current !== loop; current = current.parent) {
    if (ts.isIfStatement(current) && mentionsAny(current.expression, names)) return true;
  }
  return false;
}

function isBoundedLoop(loop: Loop): boolean {
  const counters = counterNames(loop);
  const condition = conditionOf(loop);
  if (condition && mentionsCounter(condition, counters)) return true;
  return hasCountedExit(loop.statement, counters, (exit) => !ts.isBreakStatement(exit) || breaksLoop(exit, loop));
}

function loopLabel(file: AnalyzedFile, loop: Loop): string {
  if (ts.isDoStatement(loop)) return `do … while (${loop.expression.getText(file.sourceFile)})`;
  const header = file.text.slice(loop.getStart(file.sourceFile), loop.statement.getStart(file.sourceFile)).trim();
  return quote(header);
}

// ---------------------------------------------------------------------------------------------------------------
// Recursion

/** How a function refers to itself: by name, or as `this.name` (a method, or an arrow stored in a class field). */
type SelfReference = { kind: 'name'; name: string } | { kind: 'member'; name: string };

function recursiveRetries(file: AnalyzedFile, model: SystemModel, fn: ts.FunctionLikeDeclaration): HandWrittenRetry[] {
  const self = selfReferenceOf(fn);
  if (!self || !fn.body) return [];
  const sites: Array<{ at: ts.Expression; remote: RemoteAttempt }> = [];
  walk(fn.body, (node) => {
    // try { await remote() } catch { …self()… }
    if (ts.isTryStatement(node) && node.catchClause) {
      const remote = firstRemoteCall(file, model, node.tryBlock);
      if (remote) for (const at of selfUses(node.catchClause.block, self)) sites.push({ at, remote });
    }
    // remote().catch(() => self())
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'catch') {
      const handler = node.arguments[0];
      const remote = handler && firstRemoteCall(file, model, node.expression.expression, false);
      if (remote) for (const at of selfUses(handler, self)) sites.push({ at, remote });
    }
  });
  if (sites.length === 0 || isBoundedRecursion(fn, sites.map((site) => site.at))) return [];
  return sites.map(({ at, remote }) => ({
    kind: 'recursion',
    start: at.getStart(file.sourceFile),
    end: at.end,
    label: quote(ts.isCallExpression(at) ? `${at.expression.getText(file.sourceFile)}()` : at.getText(file.sourceFile)),
    ...remote,
  }));
}

function selfReferenceOf(fn: ts.FunctionLikeDeclaration): SelfReference | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return { kind: 'name', name: fn.name.text };
  if (ts.isMethodDeclaration(fn) && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return { kind: 'member', name: fn.name.text };
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const holder = fn.parent;
    if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return { kind: 'name', name: holder.name.text };
    if (ts.isPropertyDeclaration(holder) && (ts.isIdentifier(holder.name) || ts.isPrivateIdentifier(holder.name))) return { kind: 'member', name: holder.name.text };
  }
  return undefined;
}

/** Calls of the function (also inside callbacks: `setTimeout(() => connect(), 1000)`) and the function handed on (`setTimeout(connect, 1000)`). */
function selfUses(root: ts.Node, self: SelfReference): ts.Expression[] {
  const uses: ts.Expression[] = [];
  walk(
    root,
    (node) => {
      if (ts.isCallExpression(node)) {
        if (refersToSelf(node.expression, self)) uses.push(node);
        for (const argument of node.arguments) {
          const passed = stripBind(argument);
          if (refersToSelf(passed, self)) uses.push(argument);
        }
      }
    },
    { enterFunctions: true },
  );
  return uses;
}

function refersToSelf(expression: ts.Expression, self: SelfReference): boolean {
  const node = stripParentheses(expression);
  if (self.kind === 'name') return ts.isIdentifier(node) && node.text === self.name;
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === self.name;
}

/** `this.connect.bind(this)` → `this.connect`. */
function stripBind(expression: ts.Expression): ts.Expression {
  const node = stripParentheses(expression);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind') return node.expression.expression;
  return node;
}

/**
 * Bounded when the recursive calls pass a parameter counted up or down (`attempt + 1`, `retriesLeft - 1`) that the
 * function compares, or when a counter (kept outside, counted inside) or the clock decides an exit.
 */
function isBoundedRecursion(fn: ts.FunctionLikeDeclaration, uses: readonly ts.Expression[]): boolean {
  const parameters = new Set(fn.parameters.flatMap((parameter) => bindingNames(parameter.name)));
  const counted = new Set<string>();
  for (const use of uses) {
    if (!ts.isCallExpression(use)) continue;
    for (const argument of use.arguments) {
      walk(argument, (node) => {
        for (const operand of countingOperands(node)) for (const name of mentionedNames(operand)) if (parameters.has(rootName(name))) counted.add(name);
      });
    }
  }
  // Callbacks count: the check often sits in a `.catch(…)` handler or a timer callback.
  let compared = false;
  walk(
    fn.body!,
    (node) => {
      if (!compared && isComparison(node) && mentionsAny(node, counted)) compared = true;
    },
    { enterFunctions: true },
  );
  if (compared) return true;
  return hasCountedExit(fn.body!, counterNames(fn.body!, true), () => true, true);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

/** `attempts.count` → `attempts`: the variable a property path starts from. */
function rootName(name: string): string {
  return name.split('.')[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Counters

/** Names counted up or down in the code (`++attempt`, `retriesLeft--`, `n += 1`, `n = n + 1`), and clock readings held in a variable. */
function counterNames(root: ts.Node, enterFunctions = false): Set<string> {
  const counters = new Set<string>();
  walk(
    root,
    (node) => {
      for (const operand of countingOperands(node)) {
        const name = nameOf(operand);
        if (name) counters.add(name);
      }
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && readsClock(node.initializer)) counters.add(node.name.text);
    },
    { enterFunctions },
  );
  return counters;
}

/** The operands a node counts: `x` of `x++`, `--x`, `x += …`, `x -= …`, and `x = x ± …`; `attempt + 1` gives `attempt`. */
function countingOperands(node: ts.Node): ts.Expression[] {
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    return [node.operand];
  }
  if (!ts.isBinaryExpression(node)) return [];
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.MinusEqualsToken) return [node.left];
  if (operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.MinusToken) return [node.left, node.right];
  return [];
}

function nameOf(expression: ts.Expression): string | undefined {
  const node = stripParentheses(expression);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const owner = node.expression.kind === ts.SyntaxKind.ThisKeyword ? 'this' : nameOf(node.expression);
    return owner && `${owner}.${node.name.text}`;
  }
  return undefined;
}

/** Identifiers and property paths read in an expression (`attempt`, `this.attempts`, `state.tries`). */
function mentionedNames(root: ts.Node): Set<string> {
  const names = new Set<string>();
  walk(root, (node) => {
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const name = nameOf(node);
      if (name) names.add(name);
    }
  });
  return names;
}

function mentionsAny(root: ts.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  for (const name of mentionedNames(root)) if (names.has(name)) return true;
  return false;
}

function mentionsCounter(root: ts.Node, counters: ReadonlySet<string>): boolean {
  return mentionsAny(root, counters) || readsClock(root);
}

/** `Date.now()`, `performance.now()`, `new Date()`: a deadline bounds retrying as well as a count does. */
function readsClock(root: ts.Node): boolean {
  let reads = false;
  walk(root, (node) => {
    if (ts.isCallExpression(node) && ['Date.now', 'performance.now'].includes(node.expression.getText())) reads = true;
    if (ts.isNewExpression(node) && node.expression.getText() === 'Date') reads = true;
  });
  return reads;
}

// Built on first use: reading `ts.SyntaxKind` when the module loads would load TypeScript for runs that never parse.
let comparisons: ReadonlySet<ts.SyntaxKind> | undefined;
const comparisonKinds = (): ReadonlySet<ts.SyntaxKind> => (comparisons ??= new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
]));

function isComparison(node: ts.Node): boolean {
  return ts.isBinaryExpression(node) && comparisonKinds().has(node.operatorToken.kind);
}

/** An `if` whose condition reads a counter (or the clock) and whose branch leaves: throw, return, or a break `leaves` accepts. */
function hasCountedExit(root: ts.Node, counters: ReadonlySet<string>, leaves: (exit: ts.BreakStatement) => boolean, enterFunctions = false): boolean {
  let bounded = false;
  walk(
    root,
    (node) => {
      if (bounded || !ts.isIfStatement(node) || !mentionsCounter(node.expression, counters)) return;
      walk(node, (inner) => {
        if (ts.isThrowStatement(inner) || ts.isReturnStatement(inner) || (ts.isBreakStatement(inner) && leaves(inner))) bounded = true;
      });
    },
    { enterFunctions },
  );
  return bounded;
}

/** Names assigned in a block (`x = …`, `this.connected = true`): what success can set for the code after it. */
function assignedNames(block: ts.Block): Set<string> {
  const names = new Set<string>();
  walk(block, (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = nameOf(node.left);
      if (name) names.add(name);
    }
  });
  return names;
}
