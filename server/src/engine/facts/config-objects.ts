// Reading connection settings out of option objects, syntactically. Settings are often written in a local constant
// (`const options = { host: 'db', port: 5432 }; new Pool(options)`), so object and array literals are followed through
// local variables and spreads; values themselves are never resolved (the model folds them later).
import ts from 'typescript';
import type { FileIndex } from './file-index.js';
import { staticPropertyName, unwrapExpression, valueOfProperty } from './syntax.js';
import type { EndpointSinkFact } from './types.js';

const FOLLOW_BUDGET = 8;

/** The object literal an expression denotes: written inline, a local variable holding one, or a property of one. */
export function objectLiteralOf(file: FileIndex, expression: ts.Expression | undefined, budget = FOLLOW_BUDGET): ts.ObjectLiteralExpression | undefined {
  const literal = followToLiteral(file, expression, budget);
  return literal && ts.isObjectLiteralExpression(literal) ? literal : undefined;
}

/** The elements of an array literal an expression denotes (inline or through a local variable); spreads are skipped. */
export function arrayElementsOf(file: FileIndex, expression: ts.Expression | undefined): ts.Expression[] | undefined {
  const literal = followToLiteral(file, expression, FOLLOW_BUDGET);
  if (!literal || !ts.isArrayLiteralExpression(literal)) return undefined;
  return literal.elements.filter((element) => !ts.isSpreadElement(element) && !ts.isOmittedExpression(element));
}

/** A property of an object literal, also found in spread local objects (`{ ...base, port: 1 }`); the last write wins. */
export function propertyValue(file: FileIndex, object: ts.ObjectLiteralExpression, name: string, budget = FOLLOW_BUDGET): ts.Expression | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!;
    if (ts.isSpreadAssignment(property)) {
      const spread = budget > 0 ? objectLiteralOf(file, property.expression, budget - 1) : undefined;
      const found = spread && propertyValue(file, spread, name, budget - 1);
      if (found) return found;
      continue;
    }
    const own = valueOfProperty(property, name);
    if (own) return own;
  }
  return undefined;
}

/** The value at a property path (`['options', 'client', 'brokers']`) through nested object literals. */
export function settingAt(file: FileIndex, expression: ts.Expression | undefined, path: readonly string[]): ts.Expression | undefined {
  let current = expression;
  for (const key of path) {
    const object = objectLiteralOf(file, current);
    if (!object) return undefined;
    current = propertyValue(file, object, key);
  }
  return current;
}

/** A network location in an option object: the first URL-like key, else a host key with its `port`. */
export interface EndpointSetting {
  value: ts.Expression;
  port?: ts.Expression;
}

export function endpointInOptions(
  file: FileIndex,
  options: ts.ObjectLiteralExpression,
  keys: { url?: readonly string[]; host?: readonly string[] },
): EndpointSetting | undefined {
  for (const key of keys.url ?? []) {
    const value = propertyValue(file, options, key);
    if (value) return { value };
  }
  for (const key of keys.host ?? []) {
    const value = propertyValue(file, options, key);
    if (value) {
      const port = propertyValue(file, options, 'port');
      return port ? { value, port } : { value };
    }
  }
  return undefined;
}

/**
 * An argument that is either a connection string or an options object (`new Client(url | { connectionString | host, port })`).
 * Anything that is not an object literal is taken as the location itself, as written.
 */
export function endpointInArgument(
  file: FileIndex,
  argument: ts.Expression | undefined,
  keys: { url?: readonly string[]; host?: readonly string[] },
): EndpointSetting | undefined {
  if (!argument || ts.isSpreadElement(argument)) return undefined;
  const options = objectLiteralOf(file, argument);
  if (options) return endpointInOptions(file, options, keys);
  const unwrapped = unwrapExpression(argument);
  if (ts.isArrowFunction(unwrapped) || ts.isFunctionExpression(unwrapped) || ts.isArrayLiteralExpression(unwrapped)) return undefined;
  if (unwrapped.kind === ts.SyntaxKind.UndefinedKeyword || unwrapped.kind === ts.SyntaxKind.NullKeyword) return undefined;
  if (ts.isIdentifier(unwrapped) && unwrapped.text === 'undefined') return undefined;
  return { value: argument };
}

export function endpointSink(
  file: FileIndex,
  node: ts.Node,
  sink: EndpointSinkFact['sink'],
  library: string,
  setting: EndpointSetting,
): EndpointSinkFact {
  const fact: EndpointSinkFact = { ...file.span(node), sink, library, value: file.span(setting.value) };
  if (setting.port) fact.port = file.span(setting.port);
  return fact;
}

function followToLiteral(file: FileIndex, expression: ts.Expression | undefined, budget: number): ts.Expression | undefined {
  let current = expression && unwrapExpression(expression);
  for (let steps = 0; current && steps <= budget; steps++) {
    if (ts.isObjectLiteralExpression(current) || ts.isArrayLiteralExpression(current)) return current;
    if (ts.isIdentifier(current)) {
      const declaration = file.lookup(current)?.node;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
      current = unwrapExpression(declaration.initializer);
    } else if (ts.isPropertyAccessExpression(current)) {
      const owner = objectLiteralOf(file, current.expression, budget - steps - 1);
      const value = owner && propertyValue(file, owner, current.name.text, budget - steps - 1);
      current = value && unwrapExpression(value);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** What a class stores in `this.name`: the property's initializer, else the first `this.name = …` in that class. */
export function thisMemberValue(file: FileIndex, access: ts.PropertyAccessExpression): ts.Expression | undefined {
  const owner = file.ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
  if (!owner) return undefined;
  const name = access.name.text;
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && staticPropertyName(member.name) === name && member.initializer) return unwrapExpression(member.initializer);
  }
  const assignment = (file.thisMemberAssignments.get(name) ?? []).find((a) => a.pos >= owner.pos && a.end <= owner.end);
  return assignment && unwrapExpression(assignment.right);
}
