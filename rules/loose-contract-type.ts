import ts from 'typescript';
import type { AnalyzedFile } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import { nodeAt } from './support/http-calls.js';

/** A loose type node, and how a message names it. */
interface Loose {
  node: ts.Node;
  written: string;
}

export default defineRule({
  id: 'loose-contract-type',
  category: 'contracts',
  severity: 'warning',
  fix: 'none',
  description: 'A contract must declare the shape of what it carries, not any, unknown, object or a record of anything.',
  options: {},
  check({ file, model, report }) {
    const seen = new Set<ts.Node>();
    const flag = (loose: Loose, owner: string) => {
      if (seen.has(loose.node)) return;
      seen.add(loose.node);
      report(finding(file, loose, owner));
    };
    if (model.contracts.isContractModule(file.path)) {
      for (const declaration of contractDeclarations(file.sourceFile)) {
        for (const loose of looseTypesIn(file, declaration)) flag(loose, `the contract \`${declaration.name!.text}\``);
      }
      for (const schema of file.facts.schemas) {
        if (!schema.exported) continue;
        for (const span of schema.loose) flag({ node: nodeAt(file, span, ts.isCallExpression) ?? file.sourceFile, written: file.text.slice(span.start, span.end) }, `the schema \`${schema.name ?? 'schema'}\``);
      }
    }
    // Nest handlers: the declared return type is the response contract (parameters are input about to be validated).
    for (const endpoint of file.facts.endpoints) {
      if (endpoint.framework !== 'nestjs' || endpoint.kind === 'event' || !endpoint.handler) continue;
      const method = nodeAt(file, endpoint.handler.span, ts.isMethodDeclaration);
      if (!method?.type) continue;
      for (const loose of looseTypesIn(file, method.type)) flag(loose, `the response of \`${method.name.getText(file.sourceFile)}\``);
    }
    // DTO classes wherever they are declared.
    for (const statement of file.sourceFile.statements) {
      if (ts.isClassDeclaration(statement) && statement.name && /(?:Dto|DTO)$/.test(statement.name.text)) {
        for (const loose of looseTypesIn(file, statement)) flag(loose, `the DTO \`${statement.name.text}\``);
      }
    }
  },
});

function finding(file: AnalyzedFile, loose: Loose, owner: string): Report {
  const member = memberName(loose.node);
  const where = member ? `\`${member}\` in ${owner}` : owner;
  return {
    start: loose.node.getStart(file.sourceFile),
    end: loose.node.end,
    message:
      `${where} is typed \`${loose.written}\`: the contract does not say what it carries, so every consumer guesses, and a change to it breaks them unseen. ` +
      `Declare its fields (or a union of the shapes it can take).`,
  };
}

/** Exported interfaces, type aliases and classes, and the ones they use from the same file (part of the contract too). */
function contractDeclarations(sourceFile: ts.SourceFile): Array<ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration> {
  const declarations = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration>();
  const exportedNames = new Set<string>();
  for (const statement of sourceFile.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      declarations.set(statement.name.text, statement);
      if (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) exportedNames.add(statement.name.text);
    }
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) exportedNames.add((element.propertyName ?? element.name).text);
    }
  }
  const included = new Set<string>();
  const pending = [...exportedNames].filter((name) => declarations.has(name));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (included.has(name)) continue;
    included.add(name);
    visitTypes(declarations.get(name)!, (node) => {
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && declarations.has(node.typeName.text)) pending.push(node.typeName.text);
    });
  }
  return [...declarations.values()].filter((declaration) => included.has(declaration.name!.text));
}

/** The loose type nodes in a declaration's data members or in a type: `any`, `unknown`, `object`, `Function`, `Record<string, any | unknown>`. */
function looseTypesIn(file: AnalyzedFile, root: ts.Node): Loose[] {
  const found: Loose[] = [];
  visitTypes(root, (node) => {
    const written = node.getText(file.sourceFile);
    if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword || node.kind === ts.SyntaxKind.ObjectKeyword) {
      // The value type of a loose record is reported as the record.
      if (!isRecordValue(node)) found.push({ node, written });
    } else if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      if (name === 'Function' && !isLocallyDeclared(file.sourceFile, name)) found.push({ node, written });
      if (name === 'Record' && isLooseRecord(node) && !isLocallyDeclared(file.sourceFile, name)) found.push({ node, written });
    }
  });
  return found;
}

/** Walk the type nodes of data: property types, type alias bodies, a return type; not methods, parameters or type parameters. */
function visitTypes(root: ts.Node, visit: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && (ts.isMethodDeclaration(node) || ts.isMethodSignature(node) || ts.isConstructorDeclaration(node) || ts.isTypeParameterDeclaration(node) || ts.isDecorator(node))) continue;
    if (ts.isPropertyDeclaration(node) && node.initializer && !node.type) continue;
    if (ts.isTypeNode(node)) visit(node);
    ts.forEachChild(node, (child) => {
      if (!ts.isExpression(child) || ts.isExpressionWithTypeArguments(child)) stack.push(child);
    });
  }
}

function isLooseRecord(node: ts.TypeReferenceNode): boolean {
  const value = node.typeArguments?.[1];
  return value !== undefined && (value.kind === ts.SyntaxKind.AnyKeyword || value.kind === ts.SyntaxKind.UnknownKeyword);
}

function isRecordValue(node: ts.Node): boolean {
  const parent = node.parent;
  return !!parent && ts.isTypeReferenceNode(parent) && ts.isIdentifier(parent.typeName) && parent.typeName.text === 'Record' && parent.typeArguments?.[1] === node;
}

function isLocallyDeclared(sourceFile: ts.SourceFile, name: string): boolean {
  return sourceFile.statements.some((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name);
}

/** `failureDetails` for a type inside `failureDetails?: any`. */
function memberName(node: ts.Node): string | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if ((ts.isPropertySignature(current) || ts.isPropertyDeclaration(current)) && current.name) return current.name.getText();
    if (ts.isInterfaceDeclaration(current) || ts.isTypeAliasDeclaration(current) || ts.isClassDeclaration(current) || ts.isMethodDeclaration(current)) return undefined;
  }
  return undefined;
}
