// Small, library-neutral helpers over TypeScript syntax that every adapter needs.
// They never recurse without a bound: facts extraction must survive pathological trees.
import ts from 'typescript';

/** Strip what does not change an expression's value: parentheses, `await`, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (isTransparentWrapper(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The text of a string literal or a template without substitutions; undefined for anything computed. */
export function stringLiteralValue(expression: ts.Expression | undefined): string | undefined {
  if (!expression) return undefined;
  const unwrapped = unwrapExpression(expression);
  if (ts.isStringLiteral(unwrapped) || ts.isNoSubstitutionTemplateLiteral(unwrapped)) return unwrapped.text;
  return undefined;
}

/** The static name of a property, method or member: identifiers, private names, string and numeric literals. */
export function staticPropertyName(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/**
 * The value written for `name` in an object literal: `name: value` gives value, `{ name }` gives the identifier,
 * `name() {}` gives nothing (a method is not a setting). The last occurrence wins, as at runtime.
 */
export function ownPropertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const value = valueOfProperty(object.properties[i]!, name);
    if (value) return value;
  }
  return undefined;
}

/** The value one object-literal member writes for `name`, if it is that property. */
export function valueOfProperty(property: ts.ObjectLiteralElementLike, name: string): ts.Expression | undefined {
  if (ts.isPropertyAssignment(property) && staticPropertyName(property.name) === name) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  return undefined;
}

/** Function literals: arrows and function expressions (what gets passed as a callback). */
export function isFunctionLiteral(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** The expression a function literal returns: an arrow's expression body, or the first top-level `return` of its block. */
export function returnedExpression(fn: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration): ts.Expression | undefined {
  if (!fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return fn.body;
  for (const statement of fn.body.statements) {
    if (ts.isReturnStatement(statement)) return statement.expression;
  }
  return undefined;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  if (!ts.canHaveModifiers(node)) return false;
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false;
}

/** The identifiers a binding name introduces (`a`, `{ a, b: { c } }`, `[d, ...e]`), without recursion. */
export function boundIdentifiers(name: ts.BindingName): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const pending: ts.BindingName[] = [name];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (ts.isIdentifier(current)) {
      found.push(current);
      continue;
    }
    for (const element of current.elements) {
      if (ts.isBindingElement(element)) pending.push(element.name);
    }
  }
  return found.sort((a, b) => a.pos - b.pos);
}

/** `receiver.name(...)`: the receiver and method name of a method call (also `receiver['name'](...)`, `receiver?.name(...)`). */
export function calledMethod(call: ts.CallExpression | ts.NewExpression): { receiver: ts.Expression; name: string } | undefined {
  const callee = unwrapExpression(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return { receiver: callee.expression, name: callee.name.text };
  if (ts.isElementAccessExpression(callee)) {
    const name = stringLiteralValue(callee.argumentExpression);
    if (name !== undefined) return { receiver: callee.expression, name };
  }
  return undefined;
}

/** Wrappers that do not change an expression's value. */
export function isTransparentWrapper(
  node: ts.Node,
): node is ts.ParenthesizedExpression | ts.AwaitExpression | ts.AsExpression | ts.SatisfiesExpression | ts.NonNullExpression | ts.TypeAssertion {
  // One switch rather than six predicates: extraction asks this of nearly every expression it looks at.
  switch (node.kind) {
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      return true;
    default:
      return false;
  }
}

/**
 * Visit every descendant of `root` (not `root` itself), in source order, nested functions included. An explicit stack:
 * a 10,000-deep tree must not overflow the call stack.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [];
  const pushChild = (child: ts.Node): void => {
    stack.push(child);
  };
  const pushChildren = (node: ts.Node): void => {
    const first = stack.length;
    ts.forEachChild(node, pushChild);
    reverseFrom(stack, first);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    pushChildren(node);
  }
}

/**
 * Reverses `stack[from..]` in place. Explicit-stack tree walks push a node's children as forEachChild gives them (source
 * order) and reverse that stretch, so the children pop in source order, with no array per node.
 */
export function reverseFrom<T>(stack: T[], from: number): void {
  for (let low = from, high = stack.length - 1; low < high; low++, high--) {
    const swap = stack[low]!;
    stack[low] = stack[high]!;
    stack[high] = swap;
  }
}
