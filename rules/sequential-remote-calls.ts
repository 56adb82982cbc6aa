import ts from 'typescript';
import type { AnalyzedFile, RemoteEffect, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import type { Fix } from '../server/src/engine/types.js';
import { promiseAllFix, type FixShape } from './support/promise-all-fix.js';
import { awaitedCallOf, describeRemoteCall, effectsOf, walk } from './support/remote-interactions.js';

/** An awaited read-only remote call written as a statement of its own. */
interface Step {
  index: number;
  statement: ts.Statement;
  call: ts.CallExpression;
  /** What the statement awaits, as written (the fix puts it in the `Promise.all` array). */
  operand: ts.Expression;
  effects: RemoteEffect[];
  /** How the fix can rewrite it; undefined when it cannot (`(await x()).data`, `a = await x()`). */
  shape?: FixShape;
}

export default defineRule({
  id: 'sequential-remote-calls',
  category: 'synchronous-coupling',
  severity: 'warning',
  fix: 'safe',
  description: 'Independent read-only remote calls should run together, not one after another.',
  options: {},
  check({ file, model, report }) {
    walk(
      file.sourceFile,
      (node) => {
        const statements = statementListOf(node);
        if (statements) checkSequence(file, model, statements, report);
      },
      { enterFunctions: true },
    );
  },
});

type Reporter = (report: Report) => void;

function statementListOf(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

/**
 * Within one statement list: each step is compared with the nearest step before it (a later call that does not depend on
 * that one cannot depend on an earlier one either). Steps that are independent of everything since the first step of the
 * current run join that run, and one `Promise.all` fix rewrites the run.
 */
function checkSequence(file: AnalyzedFile, model: SystemModel, statements: readonly ts.Statement[], report: Reporter): void {
  const steps = statements.map((statement, index) => stepOf(file, model, statement, index)).filter((step): step is Step => step !== undefined);
  if (steps.length < 2) return;
  const blocking = new Map<number, boolean>();
  const isBlocking = (index: number): boolean => {
    let known = blocking.get(index);
    if (known === undefined) blocking.set(index, (known = writesRemotely(file, model, statements[index]!)));
    return known;
  };
  const findings: Array<{ step: Step; waitsFor: Step; run: Step[] | undefined }> = [];
  let run: Step[] = [steps[0]!];
  for (let k = 1; k < steps.length; k++) {
    const previous = steps[k - 1]!;
    const step = steps[k]!;
    const between = range(previous.index + 1, step.index);
    if (between.some(isBlocking) || dependsOnRange(step.call, statements, previous.index, step.index)) {
      run = [step];
      continue;
    }
    if (dependsOnRange(step.call, statements, run[0]!.index, step.index)) {
      findings.push({ step, waitsFor: previous, run: undefined });
      run = [step];
      continue;
    }
    run.push(step);
    findings.push({ step, waitsFor: previous, run });
  }
  for (const { step, waitsFor, run: members } of findings) {
    const fix = members && members.length > 1 ? fixFor(file, statements, members) : undefined;
    report({
      start: step.call.getStart(file.sourceFile),
      end: step.call.end,
      message:
        `\`${describeRemoteCall(model, file, step.call, step.effects)}\` waits for \`${describeRemoteCall(model, file, waitsFor.call, waitsFor.effects)}\` to finish ` +
        'although it does not use its result: the request takes the sum of both latencies. Run them together with `Promise.all`.',
      related: [{ file: file.path, start: waitsFor.call.getStart(file.sourceFile), end: waitsFor.call.end, message: 'the call it waits for' }],
      fixes: fix ? [fix] : [],
    });
  }
}

function stepOf(file: AnalyzedFile, model: SystemModel, statement: ts.Statement, index: number): Step | undefined {
  const awaited = awaitedIn(statement);
  if (!awaited) return undefined;
  const call = awaitedCallOf(awaited.operand);
  if (!call) return undefined;
  const effects = effectsOf(model, file, call);
  if (effects.length === 0 || !effects.every((effect) => effect.readOnly)) return undefined;
  return { index, statement, call, effects, ...awaited };
}

/** `const x = await op`, `await op`, and (detected, not fixed) `const x = (await op).data`, `x = await op`. */
function awaitedIn(statement: ts.Statement): { operand: ts.Expression; shape?: FixShape } | undefined {
  if (ts.isVariableStatement(statement)) {
    const list = statement.declarationList;
    const declaration = list.declarations.length === 1 ? list.declarations[0]! : undefined;
    if (!declaration?.initializer) return undefined;
    const kind = list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : list.flags & ts.NodeFlags.BlockScoped ? undefined : 'var';
    if (!kind) return undefined; // `using` declarations dispose at scope exit: not rewritten
    if (ts.isAwaitExpression(declaration.initializer)) {
      return { operand: declaration.initializer.expression, shape: { kind, name: declaration.name, type: declaration.type } };
    }
    const head = awaitAtHead(declaration.initializer);
    return head && { operand: head.expression };
  }
  if (!ts.isExpressionStatement(statement)) return undefined;
  const expression = statement.expression;
  if (ts.isAwaitExpression(expression)) return { operand: expression.expression, shape: { kind: 'bare' } };
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const head = awaitAtHead(expression.right);
    return head && { operand: head.expression };
  }
  return undefined;
}

/** `(await x()).data.items`: the await whose result the expression reads. */
function awaitAtHead(expression: ts.Expression): ts.AwaitExpression | undefined {
  let current = expression;
  for (;;) {
    if (ts.isAwaitExpression(current)) return current;
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) {
      current = current.expression;
    } else {
      return undefined;
    }
  }
}

/** A statement that makes a remote call that is not read-only, or sends a message: a write, whose order may be deliberate. */
function writesRemotely(file: AnalyzedFile, model: SystemModel, statement: ts.Statement): boolean {
  const start = statement.getStart(file.sourceFile);
  if (file.facts.messageSends.some((send) => send.start >= start && send.end <= statement.end)) return true;
  const calls: ts.CallExpression[] = [];
  walk(statement, (node) => ts.isCallExpression(node) && calls.push(node), { enterFunctions: true });
  return calls.some((call) => effectsOf(model, file, call).some((effect) => !effect.readOnly));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/**
 * Whether the call reads anything computed by statements[from..to): names they declare or assign (the first one's result
 * included), and objects they change with a value computed there (`params.set('id', order.id)`).
 */
function dependsOnRange(call: ts.CallExpression, statements: readonly ts.Statement[], from: number, to: number): boolean {
  const computed = new Set<string>();
  for (let i = from; i < to; i++) collectComputed(statements[i]!, computed);
  if (computed.size === 0) return false;
  return [...referencedNames(call)].some((name) => computed.has(name));
}

function collectComputed(statement: ts.Statement, computed: Set<string>): void {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) for (const name of bindingNames(declaration.name)) computed.add(name);
  } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    computed.add(statement.name.text);
  }
  walk(
    statement,
    (node) => {
      if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
        for (const name of assignedNames(node.left)) computed.add(name);
      } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrement(node.operator)) {
        for (const name of assignedNames(node.operand)) computed.add(name);
      } else if (ts.isCallExpression(node) && node.arguments.some((argument) => [...referencedNames(argument)].some((name) => computed.has(name)))) {
        // A call fed with a computed value may store it in its receiver or in an object argument.
        if (ts.isPropertyAccessExpression(node.expression)) for (const name of assignedNames(node.expression.expression)) computed.add(name);
        for (const argument of node.arguments) if (ts.isIdentifier(argument)) computed.add(argument.text);
      }
    },
    { enterFunctions: true },
  );
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isIncrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

/** What an assignment target changes: `x`, `x.a.b` → x, `this.x.a` → this.x, `[a, { b }]` → a, b. */
function assignedNames(target: ts.Expression): string[] {
  let current = target;
  // Iterative down a member chain: `a.b.c…` can be far longer than the parser's nesting limit.
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) current = current.expression;
    else if (ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword) return [`this.${current.name.text}`];
    else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = current.expression;
    else break;
  }
  if (ts.isIdentifier(current)) return [current.text];
  if (ts.isArrayLiteralExpression(current)) return current.elements.flatMap((element) => assignedNames(ts.isSpreadElement(element) ? element.expression : element));
  if (ts.isObjectLiteralExpression(current)) {
    return current.properties.flatMap((property) => {
      if (ts.isShorthandPropertyAssignment(property)) return [property.name.text];
      if (ts.isPropertyAssignment(property)) return assignedNames(property.initializer);
      if (ts.isSpreadAssignment(property)) return assignedNames(property.expression);
      return [];
    });
  }
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

/** The variables (and `this.x` members) an expression reads; property names and types are not reads. */
function referencedNames(root: ts.Node): Set<string> {
  const names = new Set<string>();
  walk(
    root,
    (node) => {
      if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) names.add(`this.${node.name.text}`);
      if (!ts.isIdentifier(node)) return;
      const parent = node.parent;
      if (parent && ts.isPropertyAccessExpression(parent) && parent.name === node) return;
      if (parent && (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return;
      if (parent && ts.isTypeNode(parent)) return;
      names.add(node.text);
    },
    { enterFunctions: true },
  );
  return names;
}

function fixFor(file: AnalyzedFile, statements: readonly ts.Statement[], run: readonly Step[]): Fix | undefined {
  const shapes = run.map((step) => step.shape);
  if (shapes.some((shape) => shape === undefined)) return undefined;
  const first = run[0]!.index;
  const last = run[run.length - 1]!.index;
  const members = new Set(run.map((step) => step.index));
  const moved = range(first + 1, last).filter((index) => !members.has(index)).map((index) => statements[index]!);
  return promiseAllFix(
    file,
    run.map((step) => ({ statement: step.statement, operand: step.operand, shape: step.shape! })),
    moved,
  );
}
