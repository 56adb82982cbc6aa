// Syntax helpers for following declarations without a type checker (value-taint.ts): class members, functions and what
// they return, imports, and the declaration a module exports under a name (through re-exports).
import ts from 'typescript';
import { staticPropertyName, unwrapExpression } from '../facts/syntax.js';
import type { AnalyzedFile } from './types.js';

/** The call expression spanning exactly [start, end) inside `root` (a repository fact's call). */
export function findCall(root: ts.Node, start: number, end: number, sourceFile: ts.SourceFile): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < end || node.pos > start) return;
    if (ts.isCallExpression(node) && node.getStart(sourceFile) === start && node.end === end) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

export function isNullish(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword);
}

export function classMember(owner: ts.ClassLikeDeclaration, name: string): (ts.ClassElement & { type?: ts.TypeNode }) | ts.ParameterDeclaration | undefined {
  for (const member of owner.members) {
    if ((ts.isPropertyDeclaration(member) || ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) && staticPropertyName(member.name) === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      const property = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name && (ts.getModifiers(p)?.length ?? 0) > 0);
      if (property) return property;
    }
  }
  return undefined;
}

export function functionOf(declaration: ts.Node): ts.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = unwrapExpression(declaration.initializer);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
}

export function returnedExpressions(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] {
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}

export function importSpecifierOf(declaration: ts.Node): string | undefined {
  if (ts.isImportEqualsDeclaration(declaration)) {
    return ts.isExternalModuleReference(declaration.moduleReference) && ts.isStringLiteral(declaration.moduleReference.expression) ? declaration.moduleReference.expression.text : undefined;
  }
  let node: ts.Node | undefined = declaration;
  while (node && !ts.isImportDeclaration(node)) node = node.parent;
  return node && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
}

/** A type, class, function or variable declared at the top of a file under that name. */
export function localTypeDeclaration(sourceFile: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of sourceFile.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name) return statement;
  }
  return undefined;
}

/** The declaration a module exports under a name: in that module, or where it re-exports it from (`export * from './orders'`). */
export interface DeclarationHost {
  file(path: string): AnalyzedFile | undefined;
  resolveImportedFile(fromFile: string, specifier: string): string | undefined;
}

export function exportedDeclaration(host: DeclarationHost, file: AnalyzedFile, name: string, depth = 0): { file: AnalyzedFile; node: ts.Node } | undefined {
  for (const statement of file.sourceFile.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name?.text === name) {
      return { file, node: statement };
    }
    if (ts.isVariableStatement(statement)) {
      const variable = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (variable) return { file, node: variable };
    }
  }
  if (depth >= 4) return undefined;
  for (const statement of file.sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.exportClause;
    const element = clause && ts.isNamedExports(clause) ? clause.elements.find((e) => e.name.text === name) : undefined;
    if (clause && !element) continue;
    const path = host.resolveImportedFile(file.path, statement.moduleSpecifier.text);
    const target = path === undefined ? undefined : host.file(path);
    const found = target && exportedDeclaration(host, target, element ? (element.propertyName ?? element.name).text : name, depth + 1);
    if (found) return found;
  }
  return undefined;
}
