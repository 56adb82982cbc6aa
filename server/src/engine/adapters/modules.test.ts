import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

describe('imports', () => {
  it('finds every static form with its whole declaration as the span', () => {
    const text = [
      "import express, { Router, type Request } from 'express';",
      "import * as amqp from 'amqplib/callback_api';",
      "import type { Order } from '../../orders/src/order';",
      "import { type A, type B } from '@shop/contracts';",
      "import './polyfills';",
      "export { createOrder as create } from '../../orders/src/create';",
      "export type { Item } from '@shop/domain';",
      "export * from '@shop/shared';",
      "export * as events from './events';",
      "import legacy = require('legacy-lib');",
    ].join('\n');
    const { imports } = factsOf(text);
    expect(imports.map((fact) => ({ ...fact, text: slice(text, fact) }))).toEqual([
      expect.objectContaining({ specifier: 'express', kind: 'import', typeOnly: false, names: ['default', 'Router', 'Request'], text: "import express, { Router, type Request } from 'express';" }),
      expect.objectContaining({ specifier: 'amqplib/callback_api', kind: 'import', typeOnly: false, names: ['*'] }),
      expect.objectContaining({ specifier: '../../orders/src/order', typeOnly: true, names: ['Order'] }),
      expect.objectContaining({ specifier: '@shop/contracts', typeOnly: true, names: ['A', 'B'] }),
      expect.objectContaining({ specifier: './polyfills', typeOnly: false, names: [], text: "import './polyfills';" }),
      expect.objectContaining({ specifier: '../../orders/src/create', kind: 'export-from', typeOnly: false, names: ['createOrder'] }),
      expect.objectContaining({ specifier: '@shop/domain', kind: 'export-from', typeOnly: true, names: ['Item'] }),
      expect.objectContaining({ specifier: '@shop/shared', kind: 'export-from', names: ['*'] }),
      expect.objectContaining({ specifier: './events', kind: 'export-from', names: ['*'] }),
      expect.objectContaining({ specifier: 'legacy-lib', kind: 'import-equals', names: ['*'], text: "import legacy = require('legacy-lib');" }),
    ]);
  });

  it('finds require() and import() at any depth, with the call as the span', () => {
    const text = [
      "const amqp = require('amqplib');",
      'export async function load() {',
      "  if (flag) { const { handler } = await import('../../billing/src/handler'); return handler; }",
      "  return require('./fallback').default;",
      '}',
    ].join('\n');
    const { imports } = factsOf(text);
    expect(imports.map((fact) => [fact.kind, fact.specifier, slice(text, fact), fact.names])).toEqual([
      ['require', 'amqplib', "require('amqplib')", []],
      ['dynamic-import', '../../billing/src/handler', "import('../../billing/src/handler')", []],
      ['require', './fallback', "require('./fallback')", []],
    ]);
  });

  it('ignores a local function named require, computed specifiers and a mixed value/type import', () => {
    const text = [
      'function require(name: string) { return name; }',
      "require('not-a-module');",
      'import(modulePath);',
      "import { a, type B } from './mixed';",
    ].join('\n');
    const { imports } = factsOf(text);
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ specifier: './mixed', typeOnly: false, names: ['a', 'B'] });
  });

  it('counts imports inside declare module blocks', () => {
    const text = "declare module 'augmented' {\n  import { X } from 'base';\n}\n";
    expect(factsOf(text).imports.map((fact) => fact.specifier)).toEqual(['base']);
  });
});

describe('exports', () => {
  it('finds every exported declaration with its kind', () => {
    const text = [
      'export function createOrder() {}',
      'export function overloaded(a: string): void;',
      'export function overloaded(a: number): void;',
      'export function overloaded(a: unknown) {}',
      'export class OrderService {}',
      'export const a = 1, { b, c: [d] } = source;',
      'export type OrderId = string;',
      'export interface Order { id: OrderId }',
      'export enum Status { Open }',
      'export declare const declared: number;',
      'export declare function declaredFn(): void;',
      'export namespace Types { export type T = string; }',
      'export namespace Values { export const v = 1; }',
      'export const handler = async (event: unknown) => event, Klass = class {};',
    ].join('\n');
    const { exports } = factsOf(text);
    expect(exports.map((fact) => [fact.name, fact.kind])).toEqual([
      ['createOrder', 'function'],
      ['overloaded', 'function'],
      ['OrderService', 'class'],
      ['a', 'variable'],
      ['b', 'variable'],
      ['d', 'variable'],
      ['OrderId', 'type'],
      ['Order', 'interface'],
      ['Status', 'enum'],
      ['declared', 'variable'],
      ['declaredFn', 'function'],
      ['Types', 'type'],
      ['Values', 'variable'],
      ['handler', 'function'],
      ['Klass', 'class'],
    ]);
    expect(slice(text, exports[0]!)).toBe('export function createOrder() {}');
  });

  it('names default exports "default" and takes the kind of what they are', () => {
    const cases: Array<[string, string]> = [
      ['export default class {}', 'class'],
      ['export default function handler() {}', 'function'],
      ['export default () => 1;', 'function'],
      ['export default { a: 1 };', 'variable'],
      ['class Service {}\nexport default Service;', 'class'],
      ['const config = { port: 1 };\nexport default config;', 'variable'],
      ['export default interface Shape {}', 'interface'],
    ];
    for (const [text, kind] of cases) {
      expect(factsOf(text).exports, text).toEqual([expect.objectContaining({ name: 'default', kind })]);
    }
  });

  it('gives local export lists the kind of the local declaration, and re-exports their source', () => {
    const text = [
      'function helper() {}',
      'class Repo {}',
      'const handler = () => {};',
      'interface Shape {}',
      'type Id = string;',
      'export { helper, Repo as Repository, handler, unknownName };',
      'export type { Shape, Id };',
      "export { x as y } from './x';",
      "export * from './all';",
      "export * as ns from './ns';",
    ].join('\n');
    const { exports } = factsOf(text);
    expect(exports.map((fact) => [fact.name, fact.kind, fact.from])).toEqual([
      ['helper', 'function', undefined],
      ['Repository', 'class', undefined],
      ['handler', 'function', undefined],
      ['unknownName', 'variable', undefined],
      ['Shape', 'interface', undefined],
      ['Id', 'type', undefined],
      ['y', 're-export', './x'],
      ['*', 're-export', './all'],
      ['ns', 're-export', './ns'],
    ]);
    expect(slice(text, exports[1]!)).toBe('Repo as Repository');
  });

  it('finds CommonJS exports in JavaScript libraries', () => {
    const text = ['function calc() {}', 'module.exports = { calc, VERSION: 1 };', 'exports.helper = function () {};'].join('\n');
    const { exports } = factsOf(text, '/w/libs/lib/index.js');
    expect(exports.map((fact) => [fact.name, fact.kind])).toEqual([
      ['default', 'variable'],
      ['calc', 'function'],
      ['VERSION', 'variable'],
      ['helper', 'function'],
    ]);
  });

  it('does not count unexported declarations', () => {
    expect(factsOf('function a() {}\nclass B {}\nconst c = 1;\ninterface D {}').exports).toEqual([]);
  });
});
