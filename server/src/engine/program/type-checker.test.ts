import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../../rules/testing/rule-tester.js';
import { ModuleResolver } from '../model/module-resolver.js';
import { TypeCheckerPool } from './type-checker.js';

const root = mkdtempSync(join(tmpdir(), 'seamlint-checker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

writeFiles(root, {
  'tsconfig.base.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', paths: { '@shop/*': ['./packages/*/src'] } } }),
  'packages/domain/src/index.ts': 'export class Order { id = ""; totalCents = 0; }\n',
  'services/orders/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
  'services/orders/src/handler.ts': "import { Order } from '@shop/domain';\nexport const sent = [new Order()];\n",
  'services/loose/src/x.ts': 'export const answer = 42;\n',
  'services/broken/tsconfig.json': '{ "extends": "./missing.json" }',
  'services/broken/src/y.ts': 'export const name = "y";\n',
  'services/payments/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
  'services/payments/src/charge.ts': "import { Order } from '@shop/domain';\nimport { Thing } from 'some-orm';\nimport { Other } from 'other-lib';\nexport const sent = { order: new Order(), thing: {} as Thing, other: {} as Other };\n",
  'node_modules/some-orm/index.d.ts': 'export interface Thing { id: string }\n',
  'node_modules/other-lib/index.d.ts': 'export interface Other { id: string }\n',
  // A workspace package that a fresh clone has neither installed nor built: its entry names dist/, the source is in src/.
  'packages/billing/package.json': JSON.stringify({ name: '@acme/billing', main: 'dist/index.js', types: 'dist/index.d.ts' }),
  'packages/billing/src/index.ts': 'export interface Invoice { id: string; totalCents: number }\n',
  'services/invoices/src/send.ts': "import type { Invoice } from '@acme/billing';\nexport const sent = {} as Invoice;\n",
});

function typeOfExport(pool: TypeCheckerPool, file: string, name: string): string | undefined {
  const checked = pool.checkerFor(file);
  if (!checked) return undefined;
  const statement = checked.sourceFile.statements.find((s): s is ts.VariableStatement => ts.isVariableStatement(s));
  const declaration = statement?.declarationList.declarations.find((d) => d.name.getText(checked.sourceFile) === name);
  return declaration && checked.checker.typeToString(checked.checker.getTypeAtLocation(declaration.name));
}

describe('TypeCheckerPool', () => {
  it("answers type questions with the file's tsconfig (extends and paths)", () => {
    const pool = new TypeCheckerPool(root);
    expect(typeOfExport(pool, join(root, 'services/orders/src/handler.ts'), 'sent')).toBe('Order[]');
  });

  it('type-checks files outside every tsconfig with default options', () => {
    const pool = new TypeCheckerPool(root);
    expect(typeOfExport(pool, join(root, 'services/loose/src/x.ts'), 'answer')).toBe('42');
  });

  it('shares one program between tsconfigs with the same options', () => {
    const pool = new TypeCheckerPool(root);
    const orders = pool.checkerFor(join(root, 'services/orders/src/handler.ts'))!;
    const payments = pool.checkerFor(join(root, 'services/payments/src/charge.ts'))!;
    expect(payments.program.getSourceFile(join(root, 'services/orders/src/handler.ts'))).toBeDefined();
    expect(orders.program.getRootFileNames()).toContain(join(root, 'services/orders/src/handler.ts'));
  });

  it('builds one program for the files prepared before the first question', () => {
    const pool = new TypeCheckerPool(root);
    const payments = join(root, 'services/payments/src/charge.ts');
    pool.prepare([join(root, 'services/orders/src/handler.ts'), payments]);
    const first = pool.checkerFor(join(root, 'services/orders/src/handler.ts'))!;
    expect(first.program.getRootFileNames()).toContain(payments);
    expect(pool.checkerFor(payments)!.program).toBe(first.program);
  });

  it('reads workspace files through readFile (unsaved editor text), and loads only the packages it is told to', () => {
    const handler = join(root, 'services/orders/src/handler.ts');
    const pool = new TypeCheckerPool(root, {
      readFile: (path) => (path === handler ? "import { Order } from '@shop/domain';\nexport const sent = new Order();\n" : undefined),
      loadsPackage: (specifier) => specifier === 'some-orm',
    });
    expect(typeOfExport(pool, handler, 'sent')).toBe('Order');
    const loaded = pool.checkerFor(join(root, 'services/payments/src/charge.ts'))!.program.getSourceFiles().map((file) => file.fileName);
    expect(loaded).toContain(join(root, 'node_modules/some-orm/index.d.ts'));
    // Unloaded packages leave their imports unresolved: values typed by them are `any`.
    expect(loaded).not.toContain(join(root, 'node_modules/other-lib/index.d.ts'));
  });

  it('answers about workspace packages that are not installed, through their source (a fresh clone)', () => {
    const file = join(root, 'services/invoices/src/send.ts');
    const source = join(root, 'packages/billing/src/index.ts');
    const propertiesOfSent = (pool: TypeCheckerPool) => {
      const checked = pool.checkerFor(file)!;
      const statement = checked.sourceFile.statements.find((s): s is ts.VariableStatement => ts.isVariableStatement(s))!;
      const type = checked.checker.getTypeAtLocation(statement.declarationList.declarations[0]!.name);
      return { loaded: checked.program.getSourceFile(source) !== undefined, properties: type.getProperties().map((p) => p.name) };
    };
    // TypeScript alone finds no such package: the type is an unresolved name with nothing in it.
    expect(propertiesOfSent(new TypeCheckerPool(root))).toEqual({ loaded: false, properties: [] });
    const resolver = new ModuleResolver(root, [{ name: '@acme/billing', root: join(root, 'packages/billing') }]);
    const pool = new TypeCheckerPool(root, { resolveWorkspaceModule: (specifier, from) => resolver.resolve(from, specifier) });
    expect(propertiesOfSent(pool)).toEqual({ loaded: true, properties: ['id', 'totalCents'] });
  });

  it('falls back to default options, with a problem, when extends is missing', () => {
    const pool = new TypeCheckerPool(root);
    expect(typeOfExport(pool, join(root, 'services/broken/src/y.ts'), 'name')).toBe('"y"');
    expect(pool.problems.join('\n')).toContain('tsconfig.json');
  });
});
