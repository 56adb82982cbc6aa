// Reading how a retry setting is bounded, shared by the retry-helper and redelivery adapters: which options object a call
// passes, whether an option is written there (through local objects and spreads), and the number it is set to.
import ts from 'typescript';
import { objectLiteralOf } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import type { RetryBoundEdit, RetryFact } from '../facts/retry-types.js';
import { staticPropertyName, unwrapExpression } from '../facts/syntax.js';

/** Bounds following names and spreads back to what they hold. */
const FOLLOW_BUDGET = 8;

/** An options argument: an object literal we can read, none at all (the library's defaults), or something we cannot read. */
export type OptionsArgument = { kind: 'object'; object: ts.ObjectLiteralExpression } | { kind: 'none' } | { kind: 'unknown' };

export function optionsArgument(file: FileIndex, argument: ts.Expression | undefined): OptionsArgument {
  if (!argument) return { kind: 'none' };
  const unwrapped = unwrapExpression(argument);
  if (unwrapped.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(unwrapped) && unwrapped.text === 'undefined' && file.isGlobal(unwrapped))) {
    return { kind: 'none' };
  }
  const object = objectLiteralOf(file, argument);
  return object ? { kind: 'object', object } : { kind: 'unknown' };
}

/** An option as written: its value and the object member that writes it (`retries: 5`, or a shorthand `{ retries }`). */
export interface WrittenOption {
  value: ts.Expression;
  property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
}

/**
 * The option `name` of an object literal, also from spread local objects (the last write wins, as at runtime).
 * 'unknown' when a spread we cannot read comes after every written occurrence: it may set the option.
 */
export function readOption(file: FileIndex, object: ts.ObjectLiteralExpression, name: string, budget = FOLLOW_BUDGET): WrittenOption | 'absent' | 'unknown' {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!;
    if (ts.isSpreadAssignment(property)) {
      const spread = budget > 0 ? objectLiteralOf(file, property.expression) : undefined;
      if (!spread) return 'unknown';
      const found = readOption(file, spread, name, budget - 1);
      if (found !== 'absent') return found;
      continue;
    }
    if (ts.isPropertyAssignment(property) && staticPropertyName(property.name) === name) return { value: property.initializer, property };
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return { value: property.name, property };
  }
  return 'absent';
}

/** A nested options object (`defaultJobOptions`, `config`): the object, none when absent, unknown when unreadable. */
export function nestedOptions(file: FileIndex, object: ts.ObjectLiteralExpression, name: string): OptionsArgument {
  const written = readOption(file, object, name);
  if (written === 'absent') return { kind: 'none' };
  if (written === 'unknown') return { kind: 'unknown' };
  return optionsArgument(file, written.value);
}

/**
 * The number an expression denotes, when it is written as a constant: a literal, `-1`, `Infinity`, `Number.POSITIVE_INFINITY`,
 * `Number.MAX_SAFE_INTEGER`, or a `const` of this file holding one. Undefined for anything read at runtime (`process.env.X`).
 */
export function numericValue(file: FileIndex, expression: ts.Expression, budget = FOLLOW_BUDGET): number | undefined {
  const node = unwrapExpression(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) {
    const operand = numericValue(file, node.operand, budget);
    return operand === undefined ? undefined : node.operator === ts.SyntaxKind.MinusToken ? -operand : operand;
  }
  if (ts.isIdentifier(node)) {
    if (node.text === 'Infinity' && file.isGlobal(node)) return Infinity;
    const declaration = file.lookup(node)?.node;
    if (budget <= 0 || !declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const list = file.parentOf(declaration);
    // Only a `const` keeps the value it was declared with.
    if (!list || !ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return undefined;
    return numericValue(file, declaration.initializer, budget - 1);
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Number' && file.isGlobal(node.expression)) {
    const constants: Record<string, number> = { POSITIVE_INFINITY: Infinity, MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MAX_VALUE: Number.MAX_VALUE };
    return constants[node.name.text];
  }
  return undefined;
}

/** A count nobody will ever reach: `Infinity`, or a "largest number" constant used to mean it. */
export function isEndless(count: number): boolean {
  return count >= Number.MAX_SAFE_INTEGER;
}

/** `true` / `false` written as such (also through a `const`); undefined otherwise. */
export function booleanValue(file: FileIndex, expression: ts.Expression): boolean | undefined {
  const node = unwrapExpression(expression);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isIdentifier(node)) {
    const declaration = file.lookup(node)?.node;
    const list = declaration && file.parentOf(declaration);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && list && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) {
      const initializer = unwrapExpression(declaration.initializer);
      if (initializer.kind === ts.SyntaxKind.TrueKeyword) return true;
      if (initializer.kind === ts.SyntaxKind.FalseKeyword) return false;
    }
  }
  return undefined;
}

/** What a bounding option says: how it bounds, where a finding goes, and the edit that makes it finite. */
export type CountBound = Pick<RetryFact, 'bound' | 'optionSpan' | 'fix'>;

/**
 * Judge a count option (`retries`, `maxAttempts`, `attempts`, `max_deliver`): finite, endless (`isInfinite`), or unreadable.
 * The edit replaces the value with the finite count; a shorthand `{ retries }` is rewritten as `retries: N`.
 */
export function countBound(file: FileIndex, written: WrittenOption, option: string, isInfinite: (count: number) => boolean): CountBound {
  const count = numericValue(file, written.value);
  if (count === undefined || Number.isNaN(count)) return { bound: 'unknown' };
  if (!isInfinite(count)) return { bound: 'finite' };
  return { bound: 'infinite', optionSpan: file.span(written.property), fix: [valueEdit(file, written, option)] };
}

/** The edit that writes the finite value in place of a written option's value. */
export function valueEdit(file: FileIndex, written: WrittenOption, option: string): RetryBoundEdit {
  if (ts.isShorthandPropertyAssignment(written.property)) return { kind: 'write-option', span: file.span(written.property), option };
  return { kind: 'set-value', span: file.span(written.value) };
}
