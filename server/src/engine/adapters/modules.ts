// Module structure: what a file imports (every form, at any depth) and what it exports.
// cross-service-import reports at these import spans; shared-library-coupling reads the exports' kinds.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { isCommonJsExportTarget, type FileIndex } from '../facts/file-index.js';
import { loadedModuleSpecifier } from '../facts/origins.js';
import { boundIdentifiers, hasModifier, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { ExportKind, ImportFact } from '../facts/types.js';

export const modulesAdapter: FactsAdapter = {
  name: 'modules',
  extract(file, facts) {
    collectStaticImports(file, facts);
    collectCallImports(file, facts);
    collectExports(file, facts);
  },
};

/** Import and export-from declarations, including those inside `declare module` / namespace blocks. */
function collectStaticImports(file: FileIndex, facts: ExtractedFacts): void {
  const pending: ts.Statement[] = [...file.sourceFile.statements];
  while (pending.length > 0) {
    const statement = pending.shift()!;
    if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
      pending.push(...statement.body.statements);
      continue;
    }
    const fact = staticImportFact(file, statement);
    if (fact) facts.imports.push(fact);
  }
}

function staticImportFact(file: FileIndex, statement: ts.Statement): ImportFact | undefined {
  const span = file.span(statement);
  if (ts.isImportDeclaration(statement)) {
    const specifier = stringLiteralValue(statement.moduleSpecifier);
    if (specifier === undefined) return undefined;
    const clause = statement.importClause;
    const names: string[] = [];
    let everyNamedBindingIsType = false;
    if (clause?.name) names.push('default');
    if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push('*');
    if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      const elements = clause.namedBindings.elements;
      for (const element of elements) names.push((element.propertyName ?? element.name).text);
      everyNamedBindingIsType = !clause.name && elements.length > 0 && elements.every((element) => element.isTypeOnly);
    }
    const typeOnly = clause?.phaseModifier === ts.SyntaxKind.TypeKeyword || everyNamedBindingIsType;
    return { ...span, specifier, kind: 'import', typeOnly, names };
  }
  if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
    const specifier = stringLiteralValue(statement.moduleSpecifier);
    if (specifier === undefined) return undefined;
    const clause = statement.exportClause;
    let names = ['*'];
    let everyNamedBindingIsType = false;
    if (clause && ts.isNamedExports(clause)) {
      names = clause.elements.map((element) => (element.propertyName ?? element.name).text);
      everyNamedBindingIsType = clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
    }
    return { ...span, specifier, kind: 'export-from', typeOnly: statement.isTypeOnly || everyNamedBindingIsType, names };
  }
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    const specifier = stringLiteralValue(statement.moduleReference.expression);
    if (specifier === undefined) return undefined;
    // `import x = require('m')` binds the whole module, like a namespace import.
    return { ...span, specifier, kind: 'import-equals', typeOnly: statement.isTypeOnly, names: ['*'] };
  }
  return undefined;
}

/** `require('x')` and `import('x')` anywhere in the file, when the argument is a string literal. */
function collectCallImports(file: FileIndex, facts: ExtractedFacts): void {
  for (const call of file.calls) {
    const specifier = loadedModuleSpecifier(file, call);
    if (specifier === undefined) continue;
    const kind = call.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic-import' : 'require';
    facts.imports.push({ ...file.span(call), specifier, kind, typeOnly: false, names: [] });
  }
}

function collectExports(file: FileIndex, facts: ExtractedFacts): void {
  const seen = new Set<string>();
  const add = (node: ts.Node, name: string, kind: ExportKind, from?: string): void => {
    // Overloads and merged declarations (`function f(a); function f(b) {}`) are one export of that kind.
    const key = `${name}\u0000${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.exports.push(from === undefined ? { ...file.span(node), name, kind } : { ...file.span(node), name, kind, from });
  };

  for (const statement of file.sourceFile.statements) {
    if (ts.isExportDeclaration(statement)) {
      collectExportDeclaration(file, statement, add);
    } else if (ts.isExportAssignment(statement)) {
      add(statement, 'default', kindOfValue(file, statement.expression));
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          // `export const handler = () => {}` is runtime code as much as a function declaration is.
          const kind = ts.isIdentifier(declaration.name) && declaration.initializer ? kindOfValue(file, declaration.initializer) : 'variable';
          for (const identifier of boundIdentifiers(declaration.name)) add(declaration, identifier.text, kind);
        }
        continue;
      }
      const kind = declarationKind(statement);
      const name = isDefault ? 'default' : declarationName(statement);
      if (kind && name !== undefined) add(statement, name, kind);
    } else if (ts.isExpressionStatement(statement)) {
      collectCommonJsExport(file, statement, add);
    }
  }
}

function collectExportDeclaration(
  file: FileIndex,
  statement: ts.ExportDeclaration,
  add: (node: ts.Node, name: string, kind: ExportKind, from?: string) => void,
): void {
  const from = statement.moduleSpecifier ? stringLiteralValue(statement.moduleSpecifier) : undefined;
  const clause = statement.exportClause;
  if (statement.moduleSpecifier) {
    if (from === undefined) return;
    if (!clause) add(statement, '*', 're-export', from);
    else if (ts.isNamespaceExport(clause)) add(statement, clause.name.text, 're-export', from);
    else for (const element of clause.elements) add(element, element.name.text, 're-export', from);
    return;
  }
  if (!clause || !ts.isNamedExports(clause)) return;
  for (const element of clause.elements) {
    const local = element.propertyName ?? element.name;
    const fallback: ExportKind = statement.isTypeOnly || element.isTypeOnly ? 'type' : 'variable';
    const kind = ts.isIdentifier(local) ? (kindOfLocalName(file, local) ?? fallback) : fallback;
    add(element, element.name.text, kind);
  }
}

/** `module.exports = x`, `module.exports.name = x`, `exports.name = x` (CommonJS libraries export runtime code too). */
function collectCommonJsExport(
  file: FileIndex,
  statement: ts.ExpressionStatement,
  add: (node: ts.Node, name: string, kind: ExportKind) => void,
): void {
  const expression = statement.expression;
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left;
  if (!isCommonJsExportTarget(target) || !ts.isPropertyAccessExpression(target)) return;
  const root = ts.isIdentifier(target.expression) ? target.expression : ts.isPropertyAccessExpression(target.expression) ? target.expression.expression : undefined;
  if (!root || !ts.isIdentifier(root) || !file.isGlobal(root)) return;
  const isWholeModule = ts.isIdentifier(target.expression) && target.expression.text === 'module';
  if (!isWholeModule) {
    add(statement, target.name.text, kindOfValue(file, expression.right));
    return;
  }
  add(statement, 'default', kindOfValue(file, expression.right));
  const right = unwrapExpression(expression.right);
  if (!ts.isObjectLiteralExpression(right)) return;
  for (const property of right.properties) {
    if (ts.isShorthandPropertyAssignment(property)) add(property, property.name.text, kindOfLocalName(file, property.name) ?? 'variable');
    else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      add(property, property.name.text, kindOfValue(file, property.initializer));
    } else if (ts.isMethodDeclaration(property) && ts.isIdentifier(property.name)) add(property, property.name.text, 'function');
  }
}

/** The kind of an exported expression: class and function literals are what they are; a local name takes its declaration's kind. */
function kindOfValue(file: FileIndex, expression: ts.Expression): ExportKind {
  const value = unwrapExpression(expression);
  if (ts.isClassExpression(value)) return 'class';
  if (ts.isFunctionExpression(value) || ts.isArrowFunction(value)) return 'function';
  if (ts.isIdentifier(value)) return kindOfLocalName(file, value) ?? 'variable';
  return 'variable';
}

function kindOfLocalName(file: FileIndex, identifier: ts.Identifier): ExportKind | undefined {
  // Type declarations are not in the value-scope index; look for them among the top-level statements.
  const declaration = file.lookup(identifier);
  if (declaration) {
    const node = declaration.node;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const initializer = unwrapExpression(node.initializer);
      if (ts.isClassExpression(initializer)) return 'class';
      if (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer)) return 'function';
      return 'variable';
    }
    if (ts.isVariableDeclaration(node) || ts.isBindingElement(node)) return 'variable';
    if (ts.isImportClause(node) || ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node)) return undefined;
    const kind = declarationKind(node);
    if (kind) return kind;
  }
  for (const statement of file.sourceFile.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === identifier.text) {
      return declarationKind(statement);
    }
  }
  return undefined;
}

function declarationKind(node: ts.Node): ExportKind | undefined {
  if (ts.isFunctionDeclaration(node)) return 'function';
  if (ts.isClassDeclaration(node)) return 'class';
  if (ts.isInterfaceDeclaration(node)) return 'interface';
  if (ts.isTypeAliasDeclaration(node)) return 'type';
  if (ts.isEnumDeclaration(node)) return 'enum';
  // A namespace is a runtime object only when it holds values; a types-only namespace is erased.
  if (ts.isModuleDeclaration(node)) return namespaceHasValues(node) ? 'variable' : 'type';
  if (ts.isImportEqualsDeclaration(node)) return 'variable';
  return undefined;
}

function declarationName(node: ts.Statement): string | undefined {
  if (
    (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ||
      ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node) || ts.isImportEqualsDeclaration(node)) &&
    node.name &&
    (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
  ) {
    return node.name.text;
  }
  return undefined;
}

function namespaceHasValues(declaration: ts.ModuleDeclaration): boolean {
  const pending: ts.ModuleDeclaration[] = [declaration];
  while (pending.length > 0) {
    const body = pending.pop()!.body;
    if (!body) continue;
    if (ts.isModuleDeclaration(body)) {
      pending.push(body);
      continue;
    }
    if (!ts.isModuleBlock(body)) continue;
    for (const statement of body.statements) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
      if (ts.isModuleDeclaration(statement)) pending.push(statement);
      else return true;
    }
  }
  return false;
}
