import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../../rules/testing/rule-tester.js';
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

  it('falls back to default options, with a problem, when extends is missing', () => {
    const pool = new TypeCheckerPool(root);
    expect(typeOfExport(pool, join(root, 'services/broken/src/y.ts'), 'name')).toBe('"y"');
    expect(pool.problems.join('\n')).toContain('tsconfig.json');
  });
});
