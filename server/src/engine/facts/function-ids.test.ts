import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FileIndex } from './file-index.js';
import { functionIdOf } from './function-ids.js';

/** Every function-like node with its id and the first 30 characters of its text, in source order. */
function ids(text: string, setParents = true): Array<[string, string]> {
  const sourceFile = ts.createSourceFile('/w/src/file.ts', text, ts.ScriptTarget.Latest, setParents);
  const file = new FileIndex(sourceFile, text);
  const found: Array<[string, string]> = [];
  const pending: ts.Node[] = [sourceFile];
  while (pending.length > 0) {
    const node = pending.shift()!;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) found.push([functionIdOf(node, file), text.slice(node.getStart(sourceFile), node.getStart(sourceFile) + 30).split('\n')[0]!]);
    pending.unshift(...node.getChildren(sourceFile));
  }
  return found;
}

describe('functionIdOf', () => {
  it('names function declarations and functions assigned to a const', () => {
    const text = [
      'export function placeOrder() {}',
      'const listItems = async (req: unknown) => req;',
      'export const getItem = function named() {};',
      'const wrapped = ((x: number) => x) as (x: number) => number;',
    ].join('\n');
    expect(ids(text).map(([id]) => id)).toEqual(['placeOrder', 'listItems', 'getItem', 'wrapped']);
  });

  it('names methods, constructors and accessors after their class', () => {
    const text = [
      'export class OrdersService {',
      '  constructor(private readonly repo: unknown) {}',
      '  async placeOrder() {}',
      '  get total() { return 1; }',
      '  set total(value: number) {}',
      "  'quoted-name'() {}",
      '  static create() {}',
      '}',
      'const Named = class { run() {} };',
    ].join('\n');
    expect(ids(text).map(([id]) => id)).toEqual([
      'OrdersService.constructor',
      'OrdersService.placeOrder',
      'OrdersService.get:total',
      'OrdersService.set:total',
      'OrdersService.quoted-name',
      'OrdersService.create',
      'Named.run',
    ]);
  });

  it('gives every other function-like node its start offset', () => {
    const text = [
      'let reassigned = () => 1;',
      'items.map((item) => item.id);',
      'const handlers = { list(req: unknown) { return req; } };',
      'class Controller { handle = () => 2; }',
      'export default function () {}',
      'await using resource = (() => ({ [Symbol.asyncDispose]: async () => {} }))();',
    ].join('\n');
    const found = ids(text);
    for (const [id, snippet] of found) expect(id, snippet).toBe(`<anonymous>@${text.indexOf(snippet)}`);
    expect(found).toHaveLength(7);
  });

  it('gives the same ids for a tree parsed without parent pointers', () => {
    const text = 'class A { m() { const f = () => 1; return [1].map(function () { return f(); }); } }\nfunction g() {}';
    expect(ids(text, false)).toEqual(ids(text, true));
    expect(ids(text).map(([id]) => id)).toEqual(['A.m', 'f', `<anonymous>@${text.indexOf('function ()')}`, 'g']);
  });
});
