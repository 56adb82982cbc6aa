// Who depends on a field or member of a contract type: code in other services that reads the field from a value of
// that type (`order.paymentId`, `const { status } = order`), writes the type (an object literal typed as a request),
// or uses a literal or enum member of it. Syntax alone cannot tell which `.status` belongs to an OrderDto, so the type
// checker is asked, only about files of other services whose text mentions the name: only changed contracts pay for it.
import { resolve } from 'node:path';
import ts from 'typescript';
import type { SnapshotType } from '../../server/src/engine/model/contract-snapshot.js';
import type { AnalyzedFile, SystemModel } from '../../server/src/engine/model/types.js';
import type { CheckedFile } from '../../server/src/engine/program/type-checker.js';
import type { ConsumerSite } from './route-consumers.js';

const MAX_BASE_DEPTH = 4;

/** Reads of `field` on values of `type`. */
export function fieldReaders(model: SystemModel, type: SnapshotType, field: string): ConsumerSite[] {
  // `.field`, `['field']`, or a destructured `{ field }` / `{ field: alias }` (an object literal's `field:` passes too; the checker decides).
  const access = new RegExp(`\\.\\s*${escape(field)}\\b|\\[\\s*['"\`]${escape(field)}['"\`]\\s*\\]|[{,]\\s*${escape(field)}\\s*[,}:=]`);
  return scan(model, type, (text) => access.test(text), (node, checker, site) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === field) {
      if (isOfType(checker, checker.getTypeAtLocation(node.expression), type) || isMemberOf(checker, node.name, type)) site(node);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === field) {
      if (isOfType(checker, checker.getTypeAtLocation(node.expression), type)) site(node);
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const name = node.propertyName ?? node.name;
      if ((ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === field && isOfType(checker, checker.getTypeAtLocation(node.parent), type)) site(node);
    }
  });
}

/**
 * Object literals written as `type` (by annotation, `satisfies`, or as the argument of a parameter of that type).
 * 'missing': those that leave `field` out (no spread that might supply it); 'setting': those that set it.
 */
export function requestWriters(model: SystemModel, type: SnapshotType, field: string, mode: 'missing' | 'setting'): ConsumerSite[] {
  return scan(model, type, (text) => text.includes('{'), (node, checker, site) => {
    if (!ts.isObjectLiteralExpression(node)) return;
    const contextual = checker.getContextualType(node);
    if (!contextual || !isOfType(checker, contextual, type)) return;
    const sets = node.properties.some((property) => property.name !== undefined && propertyNameText(property.name) === field);
    const spreads = node.properties.some(ts.isSpreadAssignment);
    if (mode === 'setting' ? sets : !sets && !spreads) site(node);
  });
}

/** Uses of a removed member: `Status.Refunded` of an enum, or the literal compared with, or written as, a value of the type. */
export function memberUsers(model: SystemModel, type: SnapshotType, member: string, field?: string): ConsumerSite[] {
  if (type.kind === 'enum') {
    return scan(model, type, (text) => text.includes(`.${member}`), (node, checker, site) => {
      if (!ts.isPropertyAccessExpression(node) || node.name.text !== member) return;
      const symbol = checker.getSymbolAtLocation(node.expression);
      if (symbol?.declarations?.some((declaration) => ts.isEnumDeclaration(declaration) && declares(declaration, type))) site(node);
    });
  }
  const value = member.startsWith('"') ? (JSON.parse(member) as string) : member;
  // Code compares with a literal without naming its alias (`order.status === 'paid'`): any file using the contract's module is a candidate.
  return scan(model, type, (text) => text.includes(value), (node, checker, site) => {
    if (!(ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) || node.text !== value) return;
    const compared = comparedWith(node);
    if (compared && (isOfType(checker, checker.getTypeAtLocation(compared), type) || (field !== undefined && readsField(checker, compared, type, field)))) {
      site(node);
      return;
    }
    const contextual = checker.getContextualType(node);
    if (field === undefined ? contextual !== undefined && isOfType(checker, contextual, type) : writesField(checker, node, type, field)) site(node);
  }, usesModuleOf);
}

type Visit = (node: ts.Node, checker: ts.TypeChecker, site: (node: ts.Node) => void) => void;

/**
 * Visits every node of each candidate file: a file of a service other than the type's own, whose text passes `filter`,
 * and which names the type itself or imports a module of its service that does (`const order = await fetchOrder(id)`,
 * with `fetchOrder` typed in `./clients`). A checker program per service costs seconds: the filters keep them few.
 */
function scan(model: SystemModel, type: SnapshotType, filter: (text: string) => boolean, visit: Visit, related = namesType): ConsumerSite[] {
  const owner = model.serviceOf(type.file)?.name;
  const candidates = [...model.files.values()]
    .filter((file) => file.service && file.service.name !== owner && file.path !== type.file && filter(file.text) && related(model, file, type))
    // Production consumers first (rules.md "Code roles"), each group in path order.
    .sort((a, b) => Number(model.roleOf(a.path) !== 'production') - Number(model.roleOf(b.path) !== 'production') || a.path.localeCompare(b.path));
  const sites: ConsumerSite[] = [];
  for (const file of candidates) {
    const checked = checkerFor(model, file);
    if (!checked) continue;
    const add = (node: ts.Node) => sites.push({ file: file.path, start: node.getStart(checked.sourceFile), end: node.end, service: file.service!.name });
    const stack: ts.Node[] = [checked.sourceFile];
    while (stack.length > 0) {
      const node = stack.pop()!;
      visit(node, checked.checker, add);
      const children: ts.Node[] = [];
      ts.forEachChild(node, (child) => {
        children.push(child);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return sites;
}

function namesType(model: SystemModel, file: AnalyzedFile, type: SnapshotType): boolean {
  const word = new RegExp(`\\b${escape(type.name)}\\b`);
  if (word.test(file.text)) return true;
  return file.facts.imports.some((fact) => {
    const target = model.resolveImport(file.path, fact.specifier)?.file;
    const imported = target ? model.file(target) : undefined;
    return imported !== undefined && imported.service === file.service && word.test(imported.text);
  });
}

/** The file imports the type's module, or another module of the type's package. */
function usesModuleOf(model: SystemModel, file: AnalyzedFile, type: SnapshotType): boolean {
  const owner = model.packageOf(type.file);
  return file.facts.imports.some((fact) => {
    const target = model.resolveImport(file.path, fact.specifier);
    return target?.file === type.file || (owner !== undefined && target?.package?.name === owner.name);
  });
}

function checkerFor(model: SystemModel, file: AnalyzedFile): CheckedFile | undefined {
  // The model's checker programs are shared with every rule of the run, and read the texts the model analyzed.
  const checked = model.typeCheckerFor(file.path);
  return checked && checked.sourceFile.text === file.text ? checked : undefined;
}

/** The value is of the contract type: the type itself, through `| null`/unions, or a type that extends it. */
function isOfType(checker: ts.TypeChecker, type: ts.Type, contract: SnapshotType, depth = 0): boolean {
  if (type.aliasSymbol && symbolDeclares(type.aliasSymbol, contract)) return true;
  const nonNull = checker.getNonNullableType(type);
  const parts = nonNull.isUnionOrIntersection() ? nonNull.types : [nonNull];
  for (const part of parts) {
    for (const symbol of [part.aliasSymbol, part.getSymbol()]) if (symbol && symbolDeclares(symbol, contract)) return true;
    if (depth < MAX_BASE_DEPTH && part.isClassOrInterface()) {
      for (const base of checker.getBaseTypes(part)) if (isOfType(checker, base, contract, depth + 1)) return true;
    }
  }
  return false;
}

/** `x.field` resolves to the field declared by the contract type (through any type that extends it). */
function isMemberOf(checker: ts.TypeChecker, name: ts.MemberName, contract: SnapshotType): boolean {
  const symbol = checker.getSymbolAtLocation(name);
  return symbol?.declarations?.some((declaration) => declaration.parent !== undefined && declares(ownerDeclaration(declaration.parent), contract)) ?? false;
}

/** A type literal's members belong to the alias that names it. */
function ownerDeclaration(node: ts.Node): ts.Node {
  return ts.isTypeLiteralNode(node) && node.parent && ts.isTypeAliasDeclaration(node.parent) ? node.parent : node;
}

function symbolDeclares(symbol: ts.Symbol, contract: SnapshotType): boolean {
  return symbol.declarations?.some((declaration) => declares(declaration, contract)) ?? false;
}

function declares(declaration: ts.Node, contract: SnapshotType): boolean {
  const name = (declaration as ts.NamedDeclaration).name;
  return name !== undefined && ts.isIdentifier(name) && name.text === contract.name && resolve(declaration.getSourceFile().fileName) === contract.file;
}

/** The other side of `x === 'lit'`, or the switch expression of `case 'lit':`. */
function comparedWith(literal: ts.Node): ts.Expression | undefined {
  const parent = literal.parent;
  if (ts.isBinaryExpression(parent) && isEquality(parent.operatorToken.kind)) return parent.left === literal ? parent.right : parent.left;
  if (ts.isCaseClause(parent) && parent.expression === literal) return parent.parent.parent.expression;
  return undefined;
}

function readsField(checker: ts.TypeChecker, expression: ts.Expression, contract: SnapshotType, field: string): boolean {
  return ts.isPropertyAccessExpression(expression) && expression.name.text === field && isOfType(checker, checker.getTypeAtLocation(expression.expression), contract);
}

/** `{ status: 'refunded' }` in an object literal of the contract type. */
function writesField(checker: ts.TypeChecker, literal: ts.Node, contract: SnapshotType, field: string): boolean {
  const property = literal.parent;
  if (!ts.isPropertyAssignment(property) || property.initializer !== literal || propertyNameText(property.name) !== field) return false;
  const contextual = checker.getContextualType(property.parent);
  return contextual !== undefined && isOfType(checker, contextual, contract);
}

function isEquality(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
