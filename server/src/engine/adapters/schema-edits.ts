// Text edits the schema adapters attach to strictness markers (their safe fixes). They only delete or rename what
// makes a schema reject unknown keys; formatting around the edit is kept (a removed property takes its comma with it).
import ts from 'typescript';
import type { FileIndex } from '../facts/file-index.js';

export interface Edit {
  start: number;
  end: number;
  newText: string;
}

/** `receiver.strict()` → `receiver`: everything after the receiver up to the end of the call (the line break before `.strict()` too). */
export function removeChainLink(call: ts.CallExpression): Edit[] {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return [];
  return [{ start: callee.expression.end, end: call.end, newText: '' }];
}

/** `z.strictObject(…)` → `z.object(…)`: the member name, or a named import's local name (adding `object` to the import). */
export function renameCallee(file: FileIndex, call: ts.CallExpression, to: string): Edit[] {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return [{ start: callee.name.getStart(file.sourceFile), end: callee.name.end, newText: to }];
  if (!ts.isIdentifier(callee)) return [];
  const declaration = file.lookup(callee)?.node;
  if (!declaration || !ts.isImportSpecifier(declaration)) return [];
  const rename: Edit = { start: callee.getStart(file.sourceFile), end: callee.end, newText: to };
  const named = file.parentOf(declaration);
  if (!named || !ts.isNamedImports(named)) return [];
  const existing = named.elements.find((element) => (element.propertyName ?? element.name).text === to);
  // `object` already imported under its own name: just use it. Imported under another name, or the name taken by something else: no safe rename.
  if (existing) return existing.name.text === to ? [rename] : [];
  // A synthetic identifier placed at the call asks whether `to` is already bound there (a local named `object`).
  if (file.lookup(Object.assign(ts.factory.createIdentifier(to), { parent: call })) !== undefined) return [];
  const last = named.elements[named.elements.length - 1]!;
  return [rename, { start: last.end, end: last.end, newText: `, ${to}` }];
}

/** Insert `text` right after a call (`Joi.object({…})` → `Joi.object({…}).unknown(true)`). */
export function appendToCall(call: ts.CallExpression, text: string): Edit[] {
  return [{ start: call.end, end: call.end, newText: text }];
}

/**
 * Remove one property of an object literal with its separator: up to the next property when there is one (which keeps the
 * next line's indentation), else back to the previous property's end (a trailing comma after the removed one stays).
 */
export function removeProperty(file: FileIndex, object: ts.ObjectLiteralExpression, property: ts.ObjectLiteralElementLike): Edit[] {
  const properties = object.properties;
  const index = properties.indexOf(property);
  if (index < 0) return [];
  const start = property.getStart(file.sourceFile);
  const next = properties[index + 1];
  if (next) return [{ start, end: next.getStart(file.sourceFile), newText: '' }];
  const previous = properties[index - 1];
  if (previous) return [{ start: previous.end, end: property.end, newText: '' }];
  // The only property: leave `{}`.
  return [{ start: object.getStart(file.sourceFile) + 1, end: object.end - 1, newText: '' }];
}
