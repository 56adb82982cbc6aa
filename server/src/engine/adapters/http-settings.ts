// Reading what HTTP client options say about time and status: `signal`/`timeout`, `validateStatus`/`throwHttpErrors`,
// `method`. Options are followed through local constants and spreads; anything not statically readable is 'unknown',
// never guessed, because the rules built on these facts must not report code they cannot see.
import ts from 'typescript';
import { objectLiteralOf } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { isFunctionLiteral, returnedExpression, stringLiteralValue, unwrapExpression, valueOfProperty } from '../facts/syntax.js';
import type { HttpMethod, OptionsSlot, ResponseStatusFact, TimeoutFact } from '../facts/types.js';

const FOLLOW_BUDGET = 8;
const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The options argument of a call: absent, an object literal (written inline or in a local constant), or something unreadable. */
export type OptionsArgument =
  | { state: 'none'; index: number }
  | { state: 'object'; index: number; object: ts.ObjectLiteralExpression; inline: boolean }
  | { state: 'unknown'; index: number };

export function optionsArgument(file: FileIndex, call: ts.CallExpression, index: number): OptionsArgument {
  // A spread argument shifts every position after it.
  if (call.arguments.slice(0, index + 1).some(ts.isSpreadElement)) return { state: 'unknown', index };
  const argument = call.arguments[index];
  if (!argument) return { state: 'none', index };
  const object = objectLiteralOf(file, argument);
  if (!object) return { state: 'unknown', index };
  return { state: 'object', index, object, inline: ts.isObjectLiteralExpression(unwrapExpression(argument)) };
}

/** A property of an options object: its value, 'absent', or 'unknown' when a spread of something unreadable could hold it. */
export function setting(file: FileIndex, object: ts.ObjectLiteralExpression, name: string, budget = FOLLOW_BUDGET): ts.Expression | 'absent' | 'unknown' {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!;
    if (ts.isSpreadAssignment(property)) {
      const spread = budget > 0 ? objectLiteralOf(file, property.expression) : undefined;
      if (!spread) return 'unknown';
      const inner = setting(file, spread, name, budget - 1);
      if (inner !== 'absent') return inner;
      continue;
    }
    if (property.name && ts.isComputedPropertyName(property.name) && stringLiteralValue(property.name.expression) === undefined) return 'unknown';
    const value = valueOfProperty(property, name);
    if (value) return value;
  }
  return 'absent';
}

/** The same, over an options argument; 'absent' when there are no options. */
export function optionSetting(file: FileIndex, options: OptionsArgument, name: string): ts.Expression | 'absent' | 'unknown' {
  if (options.state === 'none') return 'absent';
  if (options.state === 'unknown') return 'unknown';
  return setting(file, options.object, name);
}

/** The HTTP method an options object names: its literal `method`, `fallback` when it names none, undefined when computed. */
export function methodOf(file: FileIndex, options: OptionsArgument, fallback: HttpMethod | undefined): HttpMethod | undefined {
  const value = optionSetting(file, options, 'method');
  if (value === 'absent') return fallback;
  if (value === 'unknown') return undefined;
  return httpMethod(stringLiteralValue(value));
}

export function httpMethod(text: string | undefined): HttpMethod | undefined {
  const upper = text?.toUpperCase();
  return HTTP_METHODS.find((method) => method === upper);
}

/** Where a fix may write into these options: the inline object, or a new argument when there are none. */
export function slotFor(file: FileIndex, call: ts.CallExpression, options: OptionsArgument): OptionsSlot | undefined {
  if (options.state === 'object') return options.inline ? { object: file.span(options.object) } : undefined;
  // A call with no arguments at all has no URL either (`fetch()`): only a factory's first argument may be created from nothing.
  if (options.state === 'none' && (call.arguments.length > 0 || options.index === 0) && !call.arguments.some(ts.isSpreadElement)) {
    return { call: file.span(call), argumentIndex: options.index };
  }
  return undefined;
}

/**
 * A `timeout`-style setting (milliseconds, or got's `{ request: ms, … }`): 'disabled' for a literal `0` (and ky's `false`),
 * which mean "never"; 'set' for anything else written.
 */
export function timeoutFromValue(file: FileIndex, value: ts.Expression, options: { falseDisables?: boolean } = {}): TimeoutFact {
  const node = unwrapExpression(value);
  if (isZero(node) || (options.falseDisables && node.kind === ts.SyntaxKind.FalseKeyword)) return { state: 'disabled', value: file.span(node) };
  if (ts.isObjectLiteralExpression(node)) {
    // got: `timeout: { request: 0 }` means no overall limit.
    const request = setting(file, node, 'request');
    if (typeof request !== 'string' && isZero(unwrapExpression(request))) return { state: 'disabled', value: file.span(unwrapExpression(request)) };
  }
  if (node.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(node) && node.text === 'undefined')) return { state: 'absent' };
  return { state: 'set' };
}

/** fetch's `signal`: any signal bounds the call (an AbortController someone aborts, `AbortSignal.timeout(ms)`). */
export function signalTimeout(value: ts.Expression): TimeoutFact {
  const node = unwrapExpression(value);
  const empty = node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
  return { state: empty ? 'absent' : 'set' };
}

/** axios `validateStatus: () => true` or `validateStatus: null`: every status resolves. A real predicate is a decision, not an omission. */
export function acceptsEveryStatus(value: ts.Expression): boolean {
  const node = unwrapExpression(value);
  if (node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (!isFunctionLiteral(node)) return false;
  const returned = returnedExpression(node);
  return returned !== undefined && unwrapExpression(returned).kind === ts.SyntaxKind.TrueKeyword;
}

/** got/ky `throwHttpErrors: false`. */
export function isFalse(value: ts.Expression): boolean {
  return unwrapExpression(value).kind === ts.SyntaxKind.FalseKeyword;
}

/** A non-throwing status setting found in options, as a status fact; undefined when the client throws on error statuses. */
export function statusFromOptions(
  file: FileIndex,
  object: ts.ObjectLiteralExpression | undefined,
  option: 'validateStatus' | 'throwHttpErrors',
  status: Omit<ResponseStatusFact, 'configuredAt'>,
): ResponseStatusFact | undefined {
  if (!object) return undefined;
  const value = setting(file, object, option);
  if (typeof value === 'string') return undefined;
  const resolves = option === 'validateStatus' ? acceptsEveryStatus(value) : isFalse(value);
  return resolves ? { ...status, configuredAt: file.span(value) } : undefined;
}

function isZero(node: ts.Expression): boolean {
  return ts.isNumericLiteral(node) && Number(node.text.replace(/_/g, '')) === 0;
}
