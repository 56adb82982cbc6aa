// Where the value of an expression comes from, as far as the code shows (strict-consumer-schema): another service's
// answer (a remote call's result, also through a client library or wrapper), a consumed message, or the service's own
// inbound request. Followed through local variables and destructuring, property reads (`res.data`, `msg.content`),
// method calls on the value (`res.json()`, `.toString()`), `JSON.parse`, and functions the value is passed through.
import ts from 'typescript';
import { FileIndex } from '../facts/file-index.js';
import { functionIdOf } from '../facts/function-ids.js';
import { unwrapExpression } from '../facts/syntax.js';
import type { Location } from '../types.js';
import type { AnalyzedFile, EndpointNode, RemoteEffect } from './types.js';

export interface DataSource {
  kind: 'remote' | 'message' | 'inbound';
  /** The call, handler parameter or consumer that delivers it. */
  at: Location;
  /** 'remote': the service called, when it resolves. */
  service?: string;
}

export interface DataSourceHost {
  endpoints: readonly EndpointNode[];
  remoteEffectsOf(file: string, start: number, end: number): RemoteEffect[];
}

const STEP_BUDGET = 120;
const indexes = new WeakMap<AnalyzedFile, FileIndex>();

export function dataSourcesOf(host: DataSourceHost, file: AnalyzedFile, expression: ts.Expression): DataSource[] {
  const found: DataSource[] = [];
  const seen = new Set<ts.Node>();
  let steps = 0;
  const index = indexOf(file);
  const at = (node: ts.Node): Location => ({ file: file.path, start: node.getStart(file.sourceFile), end: node.end });

  const visit = (node: ts.Expression): void => {
    if (++steps > STEP_BUDGET || seen.has(node)) return;
    seen.add(node);
    const value = unwrapExpression(node);
    if (ts.isIdentifier(value)) return fromDeclaration(value);
    if (ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) {
      if (value.expression.kind !== ts.SyntaxKind.ThisKeyword) visit(value.expression);
      return;
    }
    if (ts.isCallExpression(value)) {
      const effects = host.remoteEffectsOf(file.path, value.getStart(file.sourceFile), value.end);
      if (effects.length > 0) {
        for (const effect of effects) found.push({ kind: 'remote', at: at(value), ...(effect.target ? { service: effect.target.service } : {}) });
        return;
      }
      const callee = unwrapExpression(value.expression);
      if (ts.isPropertyAccessExpression(callee)) visit(callee.expression);
      for (const argument of value.arguments) if (!ts.isArrowFunction(argument) && !ts.isFunctionExpression(argument)) visit(argument);
      return;
    }
    if (ts.isConditionalExpression(value)) {
      visit(value.whenTrue);
      visit(value.whenFalse);
    } else if (ts.isBinaryExpression(value)) {
      visit(value.left);
      visit(value.right);
    } else if (ts.isObjectLiteralExpression(value)) {
      for (const property of value.properties) {
        if (ts.isPropertyAssignment(property)) visit(property.initializer);
        else if (ts.isShorthandPropertyAssignment(property)) visit(property.name);
        else if (ts.isSpreadAssignment(property)) visit(property.expression);
      }
    } else if (ts.isArrayLiteralExpression(value)) {
      for (const element of value.elements) visit(ts.isSpreadElement(element) ? element.expression : element);
    }
  };

  const fromDeclaration = (identifier: ts.Identifier): void => {
    const declaration = index.lookup(identifier)?.node;
    if (!declaration) return;
    let owner: ts.Node = declaration;
    while (ts.isBindingElement(owner) || ts.isObjectBindingPattern(owner) || ts.isArrayBindingPattern(owner)) owner = owner.parent;
    if (ts.isVariableDeclaration(owner)) {
      if (owner.initializer) visit(owner.initializer);
      const loop = owner.parent?.parent;
      if (loop && ts.isForOfStatement(loop)) visit(loop.expression);
    } else if (ts.isParameter(owner)) {
      const source = parameterSource(host, file, index, owner);
      if (source) found.push(source);
    }
  };

  visit(expression);
  return found;
}

/** A parameter that receives data from outside: a handler's request or message, a consumer callback's message. */
function parameterSource(host: DataSourceHost, file: AnalyzedFile, index: FileIndex, parameter: ts.ParameterDeclaration): DataSource | undefined {
  const fn = parameter.parent;
  if (!ts.isFunctionLike(fn)) return undefined;
  const start = fn.getStart(file.sourceFile);
  const at = { file: file.path, start: parameter.getStart(file.sourceFile), end: parameter.end };
  const id = functionIdOf(fn, index);
  const endpoint = host.endpoints.find((e) => e.handler?.file === file.path && (e.handler.functionId === id || (e.handler.start === start && e.handler.end === fn.end)));
  if (endpoint) return { kind: endpoint.kind === 'event' ? 'message' : 'inbound', at };
  // A callback written in the arguments of a message consumer (`channel.consume(q, async (msg) => …)`, `new Worker(q, async (job) => …)`).
  const consumer = file.facts.entrypoints.find((entry) => entry.kind === 'message-consumer' && entry.start <= start && fn.end <= entry.end);
  return consumer ? { kind: 'message', at } : undefined;
}

function indexOf(file: AnalyzedFile): FileIndex {
  let index = indexes.get(file);
  if (!index) indexes.set(file, (index = new FileIndex(file.sourceFile, file.text)));
  return index;
}
