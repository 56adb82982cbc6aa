// What the failure-handling rules share about HTTP calls: finding a fact's node, naming a call in a message, confirming an
// instance imported from another module, the files that run in the same process, and edits that add an option or a statement.
import ts from 'typescript';
import type { HttpClientFact, RemoteCallFact, Span } from '../../server/src/engine/facts/types.js';
import type { AnalyzedFile, SystemModel } from '../../server/src/engine/model/types.js';
import type { TextEdit } from '../../server/src/engine/types.js';

/** Messages quote code by its text up to this length. */
const QUOTE_LIMIT = 60;
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i;

/** The node of a given kind that starts and ends exactly at a span (facts carry spans; fixes need nodes). */
export function nodeAt<T extends ts.Node>(file: AnalyzedFile, span: Span, is: (node: ts.Node) => node is T): T | undefined {
  let current: ts.Node = file.sourceFile;
  // Descend into the child that contains the span; bounded by the tree's depth.
  for (let depth = 0; depth < 10_000; depth++) {
    if (current.getStart(file.sourceFile) === span.start && current.end === span.end && is(current)) return current;
    let next: ts.Node | undefined;
    ts.forEachChild(current, (child) => {
      if (!next && child.pos <= span.start && child.end >= span.end && child.getStart(file.sourceFile) <= span.start) next = child;
    });
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}

/** "`GET http://pricing:3000/prices/…`": the method and the folded URL (joined to a same-file base URL), else the call's text. */
export function describeCall(model: SystemModel, file: AnalyzedFile, call: RemoteCallFact): string {
  const url = urlText(model, file, call);
  const method = call.method ? `${call.method} ` : '';
  return url ? `\`${method}${url}\`` : `\`${quote(file.text.slice(call.start, call.end))}\``;
}

export function urlText(model: SystemModel, file: AnalyzedFile, call: RemoteCallFact): string | undefined {
  const own = call.url ? model.foldString(file.path, call.url.start, call.url.end)?.value : undefined;
  const base = call.baseUrl ? model.foldString(file.path, call.baseUrl.start, call.baseUrl.end)?.value : undefined;
  if (own !== undefined && base !== undefined && !ORIGIN.test(own)) return `${base.replace(/\/+$/, '')}/${own.replace(/^\/+/, '')}`;
  return own ?? base;
}

/** "a slow pricing service" / "a slow `api.stripe.com`" / "a slow server": who the caller ends up waiting for. */
export function downstreamOf(model: SystemModel, url: string | undefined): string {
  const host = url ? ORIGIN.exec(url)?.[1] : undefined;
  if (!host) return 'a slow server';
  const service = model.services.find((s) => s.name === host || s.hostnames.includes(host));
  return service ? `a slow ${service.name} service` : `a slow \`${host}\``;
}

/** A code excerpt for a message: first line, shortened. */
export function quote(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > QUOTE_LIMIT ? `${line.slice(0, QUOTE_LIMIT - 1)}\u2026` : line;
}

/**
 * The client instance an imported binding names (`import { paymentsApi } from './clients'`), following re-exports: the
 * adapter could only guess from the call's shape, the exporting module confirms it.
 */
export function importedClient(model: SystemModel, from: AnalyzedFile, imported: { specifier: string; name: string }): HttpClientFact | undefined {
  return model.importedHttpClient(from.path, imported)?.client;
}

/** The files that run in the same process as this one: its service, else its package, else itself. */
export function sameDeployable(model: SystemModel, file: AnalyzedFile): AnalyzedFile[] {
  const files = [...model.files.values()];
  if (file.service) return files.filter((other) => other.service?.name === file.service!.name);
  if (file.package) return files.filter((other) => !other.service && other.package?.root === file.package!.root);
  return [file];
}

export function deployableKey(file: AnalyzedFile): string {
  return file.service ? `service:${file.service.name}` : file.package ? `package:${file.package.root}` : `file:${file.path}`;
}

/**
 * Add `property` to an object literal, formatted like the object: `{ a: 1 }` → `{ a: 1, timeout: 10000 }`; in a multi-line
 * object a new line with the last property's indentation, with a trailing comma when the object uses them.
 */
export function addPropertyEdits(file: AnalyzedFile, object: ts.ObjectLiteralExpression, property: string): TextEdit[] {
  const properties = object.properties;
  const last = properties[properties.length - 1];
  if (!last) return [{ start: object.getStart(file.sourceFile), end: object.end, newText: `{ ${property} }` }];
  const closeLine = lineOf(file, object.end - 1);
  const trailingComma = properties.hasTrailingComma;
  const commaEnd = trailingComma ? file.text.indexOf(',', last.end) + 1 : last.end;
  if (lineOf(file, last.end) === closeLine) {
    return [{ start: commaEnd, end: commaEnd, newText: trailingComma ? ` ${property},` : `, ${property}` }];
  }
  const indent = indentationAt(file, last.getStart(file.sourceFile));
  // A comment after the last property stays with it: the new line goes after the comment.
  const lineEnd = endOfLineIfOnlyComment(file, commaEnd);
  const edits: TextEdit[] = [];
  if (!trailingComma) edits.push({ start: last.end, end: last.end, newText: ',' });
  edits.push({ start: lineEnd, end: lineEnd, newText: `\n${indent}${property}${trailingComma ? ',' : ''}` });
  return edits;
}

/**
 * Write `property` where an options slot says: into the options object written in the call, or as a new `{ property }`
 * argument. Undefined when the slot names neither, or its node is not there any more.
 */
export function addOptionEdits(file: AnalyzedFile, slot: { object?: Span; call?: Span; argumentIndex?: number }, property: string): TextEdit[] | undefined {
  if (slot.object) {
    const object = nodeAt(file, slot.object, ts.isObjectLiteralExpression);
    return object && addPropertyEdits(file, object, property);
  }
  const call = slot.call && slot.argumentIndex !== undefined ? nodeAt(file, slot.call, ts.isCallExpression) : undefined;
  return call && [addArgumentEdit(file, call, slot.argumentIndex!, `{ ${property} }`)];
}

/** Add an argument at `index` (after the existing ones, padding skipped ones with `undefined`). */
export function addArgumentEdit(file: AnalyzedFile, call: ts.CallExpression, index: number, text: string): TextEdit {
  const args = call.arguments;
  const padding = Array.from({ length: Math.max(0, index - args.length) }, () => 'undefined, ').join('');
  const last = args[args.length - 1];
  if (!last) return { start: args.pos, end: args.pos, newText: `${padding}${text}` };
  return { start: last.end, end: last.end, newText: `, ${padding}${text}` };
}

/** Insert a statement on its own line after `statement`, at its indentation (after a comment that ends its line). */
export function insertStatementAfterEdit(file: AnalyzedFile, statement: ts.Statement, text: string): TextEdit {
  const at = endOfLineIfOnlyComment(file, statement.end);
  return { start: at, end: at, newText: `\n${indentationAt(file, statement.getStart(file.sourceFile))}${text}` };
}

function lineOf(file: AnalyzedFile, offset: number): number {
  return file.lines.positionAt(offset).line;
}

function indentationAt(file: AnalyzedFile, offset: number): string {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(file.text.slice(lineStart, offset))![0];
}

/** `offset`, or the end of its line when only whitespace and a `//` comment follow it there. */
function endOfLineIfOnlyComment(file: AnalyzedFile, offset: number): number {
  const newline = file.text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? file.text.length : newline;
  const rest = file.text.slice(offset, lineEnd);
  const end = /\r$/.test(rest) ? lineEnd - 1 : lineEnd;
  return /^\s*\/\/.*$/.test(rest) ? end : offset;
}
