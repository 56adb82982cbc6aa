// Inbound endpoints: HTTP routes (express, fastify, koa-router, hono, NestJS controllers) and NestJS message handlers,
// the routers they are declared on, how routers are mounted, and which exports carry a router to other modules.
// The model (model/endpoints.ts) joins these across files into each service's full paths.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import { isCommonJsExportTarget } from '../facts/file-index.js';
import { hasModifier, unwrapExpression } from '../facts/syntax.js';
import { HttpRoutes } from './routes-http.js';
import { collectNestEndpoints } from './routes-nest.js';
import { RouterTable, type RouterUse } from './routes-routers.js';

/** Files that never name a router framework have no routers; skipping them keeps this adapter cheap on large repos. */
const ROUTER_MODULE = /['"](?:express|fastify|fastify-plugin|koa|@koa\/router|koa-router|hono(?:\/[\w-]+)?)['"]/;

export const routesAdapter: FactsAdapter = {
  name: 'routes',
  extract(file, facts) {
    collectNestEndpoints(file, facts);
    if (!ROUTER_MODULE.test(file.text)) return;
    const routers = new RouterTable(file);
    const http = new HttpRoutes(file, routers, facts);
    http.collectMounts();
    http.collectRoutes();
    routers.markUnencapsulatedPlugins();
    collectRouterExports(file, routers);
    for (const router of routers.facts()) facts.routers.push(router);
  },
};

/**
 * Record under which export names each router leaves the module: `export const itemsRouter = Router()`,
 * `export default router`, `export { router as itemsRouter }`, `module.exports = router`, and exported functions that
 * return or receive a router (factories, plugins).
 */
function collectRouterExports(file: FileIndex, routers: RouterTable): void {
  const add = (use: RouterUse | undefined, name: string): void => {
    if (use && !use.router.exportedAs.includes(name)) use.router.exportedAs.push(name);
  };
  for (const statement of file.sourceFile.statements) {
    if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) add(routers.routerDeclaredBy(declaration), declaration.name.text);
      }
    } else if (ts.isFunctionDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      const name = hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : statement.name?.text;
      if (name !== undefined) add(routers.routerOfFunction(statement), name);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const local = element.propertyName ?? element.name;
        const declaration = ts.isIdentifier(local) ? file.lookup(local)?.node : undefined;
        if (declaration) add(routers.routerDeclaredBy(declaration), element.name.text);
      }
    } else if (ts.isExportAssignment(statement)) {
      add(routers.routerDenotedBy(statement.expression), 'default');
    } else if (ts.isExpressionStatement(statement)) {
      collectCommonJsExport(statement.expression, routers, add);
    }
  }
}

/** `module.exports = router`, `module.exports = { itemsRouter }`, `exports.itemsRouter = router`. */
function collectCommonJsExport(expression: ts.Expression, routers: RouterTable, add: (use: RouterUse | undefined, name: string) => void): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left;
  if (!isCommonJsExportTarget(target) || !ts.isPropertyAccessExpression(target)) return;
  const isWholeModule = ts.isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports';
  if (!isWholeModule) {
    add(routers.routerDenotedBy(expression.right), target.name.text);
    return;
  }
  add(routers.routerDenotedBy(expression.right), 'default');
  const value = unwrapExpression(expression.right);
  if (!ts.isObjectLiteralExpression(value)) return;
  for (const property of value.properties) {
    if (ts.isShorthandPropertyAssignment(property)) add(routers.routerDenotedBy(property.name), property.name.text);
    else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      add(routers.routerDenotedBy(property.initializer), property.name.text);
    }
  }
}
