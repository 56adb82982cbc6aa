// A syntactic first answer to "can this value (or declared type) be a persistence or internal type?", so the type checker
// is asked only where it can be. It follows what the code writes: local declarations, declared types and return types
// (also across modules), callback parameters back to the collection they iterate, `.map(toDto)` to the mapper's return
// type, and modules that cannot reach a persistence type at all. It only ever answers "no" when sure; anything it cannot
// follow is "maybe", for the checker to decide.
import ts from 'typescript';
import { FileIndex } from '../facts/file-index.js';
import { unwrapExpression } from '../facts/syntax.js';
import { EntityValues, SAME_ELEMENTS, type EntityClass } from './entity-values.js';
import { classMember, exportedDeclaration, functionOf, importSpecifierOf, localTypeDeclaration, returnedExpressions } from './syntax-declarations.js';
import type { PersistenceFact } from '../facts/types.js';
import type { AnalyzedFile } from './types.js';

export interface TaintHost {
  file(path: string): AnalyzedFile | undefined;
  resolveImportedFile(fromFile: string, specifier: string): string | undefined;
  /** Whether a workspace module declares, imports or re-exports (transitively) something that can type a stored record. */
  moduleReachesInternal(path: string): boolean;
  /** A package whose types can be persistence types. */
  isPersistenceModule(specifier: string): boolean;
  /** A module config `internalTypes` names: every type it declares is internal. */
  isInternalTypeFile(path: string): boolean;
  /** The persistence fact of a workspace class declared as a persistence model (the span of its declaration). */
  persistenceClass(path: string, start: number, end: number): PersistenceFact | undefined;
}

/** Methods whose result has no object type of its own (strings, numbers, booleans). */
const PRIMITIVE_METHODS = new Set([
  'toISOString', 'toString', 'toFixed', 'toLocaleString', 'toLocaleDateString', 'toJSON', 'join', 'trim', 'toLowerCase', 'toUpperCase',
  'includes', 'some', 'every', 'indexOf', 'startsWith', 'endsWith', 'getTime', 'valueOf', 'padStart', 'padEnd', 'replace', 'slice',
]);
const PRIMITIVE_GLOBALS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'encodeURIComponent', 'decodeURIComponent', 'isNaN', 'Math', 'Date']);
const STEP_BUDGET = 400;

interface Walk {
  steps: number;
  seen: Set<ts.Node>;
}

export class ValueTaint {
  private readonly indexes = new WeakMap<AnalyzedFile, FileIndex>();
  private readonly entities: EntityValues;

  constructor(private readonly host: TaintHost) {
    this.entities = new EntityValues({
      index: (file) => this.index(file),
      typeDeclaration: (file, name) => this.typeDeclaration(file, name, { steps: 0, seen: new Set() }),
      persistenceClass: (path, start, end) => host.persistenceClass(path, start, end),
    });
  }

  /** A declared type that plainly is a persistence class (`Promise<Order>`, `Order[]`), with the wrappers on the way. */
  persistenceClassOf(file: AnalyzedFile, node: ts.TypeNode): (EntityClass & { path: string[] }) | undefined {
    return this.entities.persistenceClassOf(file, node);
  }

  /** False when the expression's value certainly has no persistence or internal type; true when it may. */
  expression(file: AnalyzedFile, expression: ts.Expression): boolean {
    return this.value(file, expression, { steps: 0, seen: new Set() });
  }

  /** The same question for a declared type. */
  type(file: AnalyzedFile, node: ts.TypeNode): boolean {
    return this.typeNode(file, node, { steps: 0, seen: new Set() });
  }

  /** The same question for a declaration's members (an exported interface, type alias or class of a contract module). */
  declaration(file: AnalyzedFile, node: ts.Node): boolean {
    return this.declared(file, node, { steps: 0, seen: new Set() });
  }

  private index(file: AnalyzedFile): FileIndex {
    let index = this.indexes.get(file);
    if (!index) this.indexes.set(file, (index = new FileIndex(file.sourceFile, file.text)));
    return index;
  }

  private visit(node: ts.Node, walk: Walk): boolean {
    if (++walk.steps > STEP_BUDGET) return false;
    if (walk.seen.has(node)) return false;
    walk.seen.add(node);
    return true;
  }

  private value(file: AnalyzedFile, expression: ts.Expression, walk: Walk): boolean {
    // Out of budget or in a cycle: a cycle adds nothing new; an exhausted budget says "maybe".
    if (walk.steps > STEP_BUDGET) return true;
    if (!this.visit(expression, walk)) return false;
    const node = ts.isSatisfiesExpression(expression) ? expression.expression : expression;
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const isConst = ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(file.sourceFile) === 'const';
      return isConst ? this.value(file, node.expression, walk) : this.typeNode(file, node.type, walk);
    }
    if (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) return this.value(file, node.expression, walk);
    if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || ts.isBigIntLiteral(node) || ts.isTemplateExpression(node) || ts.isRegularExpressionLiteral(node)) return false;
    if ([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(node.kind)) return false;
    if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node) || ts.isTypeOfExpression(node) || ts.isVoidExpression(node) || ts.isDeleteExpression(node)) return false;
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) return false;
    if (ts.isObjectLiteralExpression(node)) {
      return node.properties.some((property) => {
        if (ts.isPropertyAssignment(property)) return this.value(file, property.initializer, walk);
        if (ts.isShorthandPropertyAssignment(property)) return this.value(file, property.name, walk);
        if (ts.isSpreadAssignment(property)) return this.value(file, property.expression, walk);
        return false;
      });
    }
    if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => this.value(file, ts.isSpreadElement(element) ? element.expression : element, walk));
    if (ts.isConditionalExpression(node)) return this.value(file, node.whenTrue, walk) || this.value(file, node.whenFalse, walk);
    if (ts.isBinaryExpression(node)) return this.binary(file, node, walk);
    if (ts.isIdentifier(node)) return this.identifier(file, node, walk);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isPropertyAccessExpression(node)) return this.thisMember(file, node, walk);
      const entity = ts.isPropertyAccessExpression(node) ? this.entities.entityValue(file, node.expression, 0) : undefined;
      if (entity) {
        // A column is what its declared type says; a relation, or anything else, may be internal.
        const column = this.entities.columnType(entity, (node as ts.PropertyAccessExpression).name.text);
        return column ? this.typeNode(column.file, column.type, walk) : true;
      }
      return this.value(file, node.expression, walk);
    }
    if (ts.isCallExpression(node)) return this.call(file, node, walk);
    if (ts.isNewExpression(node)) return this.construction(file, node, walk);
    return true;
  }

  private binary(file: AnalyzedFile, node: ts.BinaryExpression, walk: Walk): boolean {
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return this.value(file, node.left, walk) || this.value(file, node.right, walk);
      case ts.SyntaxKind.CommaToken:
      case ts.SyntaxKind.EqualsToken:
        return this.value(file, node.right, walk);
      default:
        return false;
    }
  }

  private identifier(file: AnalyzedFile, identifier: ts.Identifier, walk: Walk): boolean {
    const declaration = this.index(file).lookup(identifier)?.node;
    if (!declaration) return false;
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) {
      return this.importedModule(file, declaration);
    }
    if (ts.isVariableDeclaration(declaration)) {
      if (declaration.type) return this.typeNode(file, declaration.type, walk);
      if (declaration.initializer) return this.value(file, declaration.initializer, walk);
      const loop = declaration.parent?.parent;
      if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop))) return ts.isForInStatement(loop) ? false : this.value(file, loop.expression, walk);
      return true;
    }
    if (ts.isBindingElement(declaration)) return this.bindingElement(file, declaration, walk);
    if (ts.isParameter(declaration)) return this.parameter(file, declaration, walk);
    if (ts.isClassDeclaration(declaration)) return this.host.persistenceClass(file.path, declaration.getStart(file.sourceFile), declaration.end) !== undefined;
    return false;
  }

  /** `const { a } = x` / `for (const { a } of xs)` / `({ a }: T) =>`: what the pattern destructures. */
  private bindingElement(file: AnalyzedFile, element: ts.BindingElement, walk: Walk): boolean {
    let owner: ts.Node = element;
    while (ts.isBindingElement(owner) || ts.isObjectBindingPattern(owner) || ts.isArrayBindingPattern(owner)) owner = owner.parent;
    if (ts.isVariableDeclaration(owner)) {
      if (owner.type) return this.typeNode(file, owner.type, walk);
      if (owner.initializer) return this.value(file, owner.initializer, walk);
      const loop = owner.parent?.parent;
      return loop && ts.isForOfStatement(loop) ? this.value(file, loop.expression, walk) : true;
    }
    return ts.isParameter(owner) ? this.parameter(file, owner, walk) : true;
  }

  /** A declared parameter type, or for a callback, what it is called with: the collection `.map`/`.forEach` iterates, the call's arguments. */
  private parameter(file: AnalyzedFile, parameter: ts.ParameterDeclaration, walk: Walk): boolean {
    if (parameter.type) return this.typeNode(file, parameter.type, walk);
    const fn = parameter.parent;
    const call = fn?.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return true;
    const callee = unwrapExpression(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? [callee.expression] : [];
    return [...receiver, ...call.arguments.filter((argument) => argument !== fn)].some((argument) => this.value(file, argument, walk));
  }

  /** `this.field`: its declared type, its initializer, or its constructor parameter property's type. */
  private thisMember(file: AnalyzedFile, access: ts.PropertyAccessExpression, walk: Walk): boolean {
    const owner = this.index(file).ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
    const member = owner && classMember(owner, access.name.text);
    if (!member) return true;
    if (member.type) return this.typeNode(file, member.type, walk);
    if (ts.isPropertyDeclaration(member) && member.initializer) return this.value(file, member.initializer, walk);
    if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) return false;
    return true;
  }

  private call(file: AnalyzedFile, call: ts.CallExpression, walk: Walk): boolean {
    const callee = unwrapExpression(call.expression);
    const declared = this.calleeDeclaration(file, callee, walk);
    if (declared) return declared.type ? this.typeNode(declared.file, declared.type, walk) : true;
    const args = call.arguments.filter((argument) => !ts.isArrowFunction(argument) && !ts.isFunctionExpression(argument));
    if (ts.isIdentifier(callee)) {
      if (this.index(file).isGlobal(callee)) return !PRIMITIVE_GLOBALS.has(callee.text) && args.some((argument) => this.value(file, argument, walk));
      return this.value(file, callee, walk) || args.some((argument) => this.value(file, argument, walk));
    }
    if (!ts.isPropertyAccessExpression(callee)) return true;
    const method = callee.name.text;
    const receiver = unwrapExpression(callee.expression);
    if (PRIMITIVE_METHODS.has(method)) return false;
    if (ts.isIdentifier(receiver) && this.index(file).isGlobal(receiver)) {
      if (PRIMITIVE_GLOBALS.has(receiver.text) || (receiver.text === 'JSON' && method === 'stringify')) return false;
      return args.some((argument) => this.value(file, argument, walk));
    }
    if ((method === 'map' || method === 'flatMap') && call.arguments[0]) return this.mapper(file, call.arguments[0], walk);
    if (SAME_ELEMENTS.has(method)) return this.value(file, receiver, walk) || args.some((argument) => this.value(file, argument, walk));
    return this.value(file, receiver, walk) || args.some((argument) => this.value(file, argument, walk));
  }

  /** What `.map(fn)` produces: the mapper's declared return type, or what an inline mapper returns. */
  private mapper(file: AnalyzedFile, mapper: ts.Expression, walk: Walk): boolean {
    const node = unwrapExpression(mapper);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      if (node.type) return this.typeNode(file, node.type, walk);
      return returnedExpressions(node).some((returned) => this.value(file, returned, walk));
    }
    const declared = this.calleeDeclaration(file, node, walk);
    return declared?.type ? this.typeNode(declared.file, declared.type, walk) : true;
  }

  /** The function a callee names, with its declared return type, in the file that declares it (local or imported). */
  private calleeDeclaration(file: AnalyzedFile, callee: ts.Expression, walk: Walk): { file: AnalyzedFile; type?: ts.TypeNode } | undefined {
    if (ts.isIdentifier(callee)) {
      const declaration = this.index(file).lookup(callee)?.node;
      if (!declaration) return undefined;
      const fn = functionOf(declaration);
      if (fn) return { file, type: fn.type };
      if (ts.isImportSpecifier(declaration)) {
        const target = this.importTarget(file, declaration);
        const exported = target && exportedDeclaration(this.host, target.file, target.name);
        const exportedFn = exported && functionOf(exported.node);
        if (exportedFn && exported) return { file: exported.file, type: exportedFn.type };
      }
      return undefined;
    }
    // `this.orders.getOrder(id)` / `service.find()`: a method of the class a field or binding is declared as.
    if (ts.isPropertyAccessExpression(callee)) {
      const cls = this.classOfValue(file, unwrapExpression(callee.expression), walk);
      const method = cls && classMember(cls.node, callee.name.text);
      if (method && ts.isMethodDeclaration(method)) return { file: cls.file, type: method.type };
    }
    return undefined;
  }

  /** The class declaration a value is an instance of, when it is declared so (`private readonly orders: OrdersService`). */
  private classOfValue(file: AnalyzedFile, value: ts.Expression, walk: Walk): { file: AnalyzedFile; node: ts.ClassLikeDeclaration } | undefined {
    let type: ts.TypeNode | undefined;
    if (ts.isPropertyAccessExpression(value) && value.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = this.index(file).ancestor(value, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
      type = owner && classMember(owner, value.name.text)?.type;
    } else if (ts.isIdentifier(value)) {
      const declaration = this.index(file).lookup(value)?.node;
      if (declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration))) type = declaration.type;
    }
    if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
    const found = this.typeDeclaration(file, type.typeName, walk);
    return typeof found === 'object' && ts.isClassLike(found.node) ? { file: found.file, node: found.node } : undefined;
  }

  private construction(file: AnalyzedFile, node: ts.NewExpression, walk: Walk): boolean {
    const callee = unwrapExpression(node.expression);
    if (!ts.isIdentifier(callee)) return true;
    if (this.index(file).isGlobal(callee)) return (node.arguments ?? []).some((argument) => this.value(file, argument, walk));
    const found = this.typeDeclaration(file, callee, walk);
    if (found === 'imported-clean') return false;
    return typeof found === 'object' ? this.declared(found.file, found.node, walk) : true;
  }

  private importedModule(file: AnalyzedFile, declaration: ts.Node): boolean {
    const specifier = importSpecifierOf(declaration);
    if (specifier === undefined) return true;
    const target = this.host.resolveImportedFile(file.path, specifier);
    if (target) return this.host.moduleReachesInternal(target);
    return this.host.isPersistenceModule(specifier);
  }

  private importTarget(file: AnalyzedFile, declaration: ts.ImportSpecifier): { file: AnalyzedFile; name: string } | undefined {
    const specifier = importSpecifierOf(declaration);
    const path = specifier === undefined ? undefined : this.host.resolveImportedFile(file.path, specifier);
    const target = path === undefined ? undefined : this.host.file(path);
    return target && { file: target, name: (declaration.propertyName ?? declaration.name).text };
  }

  private typeNode(file: AnalyzedFile, node: ts.TypeNode, walk: Walk): boolean {
    if (walk.steps > STEP_BUDGET) return true;
    if (!this.visit(node, walk)) return false;
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
      case ts.SyntaxKind.NumberKeyword:
      case ts.SyntaxKind.BooleanKeyword:
      case ts.SyntaxKind.BigIntKeyword:
      case ts.SyntaxKind.SymbolKeyword:
      case ts.SyntaxKind.VoidKeyword:
      case ts.SyntaxKind.UndefinedKeyword:
      case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.NeverKeyword:
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
      case ts.SyntaxKind.LiteralType:
      case ts.SyntaxKind.TemplateLiteralType:
      case ts.SyntaxKind.FunctionType:
      case ts.SyntaxKind.ConstructorType:
        return false;
    }
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.some((type) => this.typeNode(file, type, walk));
    if (ts.isArrayTypeNode(node)) return this.typeNode(file, node.elementType, walk);
    if (ts.isTupleTypeNode(node)) return node.elements.some((element) => this.typeNode(file, ts.isNamedTupleMember(element) ? element.type : element, walk));
    if (ts.isParenthesizedTypeNode(node) || ts.isOptionalTypeNode(node) || ts.isRestTypeNode(node)) return this.typeNode(file, node.type, walk);
    if (ts.isTypeOperatorNode(node)) return node.operator === ts.SyntaxKind.KeyOfKeyword ? false : this.typeNode(file, node.type, walk);
    if (ts.isTypeLiteralNode(node)) return this.members(file, node.members, walk);
    if (ts.isIndexedAccessTypeNode(node)) return this.typeNode(file, node.objectType, walk);
    if (ts.isTypeQueryNode(node)) return ts.isIdentifier(node.exprName) ? this.value(file, node.exprName, walk) : true;
    if (ts.isTypeReferenceNode(node)) return this.typeReference(file, node, walk);
    return true;
  }

  private typeReference(file: AnalyzedFile, node: ts.TypeReferenceNode, walk: Walk): boolean {
    const args = node.typeArguments ?? [];
    let head: ts.EntityName = node.typeName;
    while (ts.isQualifiedName(head)) head = head.left;
    if (head !== node.typeName) {
      // `ns.Type`: whatever the namespace's module can carry.
      const declaration = this.index(file).lookup(head)?.node;
      return declaration ? this.importedModule(file, declaration) || args.some((arg) => this.typeNode(file, arg, walk)) : true;
    }
    const found = this.typeDeclaration(file, node.typeName as ts.Identifier, walk);
    if (found === 'imported-clean') return false;
    if (found === undefined) {
      // A global (`Promise<T>`, `Record<K, V>`, `Date`) or a package's type: its type arguments decide, unless the package types records.
      const declaration = this.index(file).lookup(node.typeName as ts.Identifier)?.node;
      if (declaration && this.importedModule(file, declaration)) return true;
      return args.some((arg) => this.typeNode(file, arg, walk));
    }
    if (found === 'type-parameter') return true;
    return this.declared(found.file, found.node, walk) || args.some((arg) => this.typeNode(file, arg, walk));
  }

  /**
   * The declaration a type name refers to: a type written in this file, or the declaration a workspace module exports.
   * 'imported-clean' for a workspace module that reaches no persistence type; undefined for globals and packages.
   */
  private typeDeclaration(file: AnalyzedFile, name: ts.Identifier, walk: Walk): { file: AnalyzedFile; node: ts.Node } | 'imported-clean' | 'type-parameter' | undefined {
    for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
      const typeParameters = (scope as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
      if (typeParameters?.some((parameter) => parameter.name.text === name.text)) return 'type-parameter';
    }
    const local = localTypeDeclaration(file.sourceFile, name.text);
    if (local) return { file, node: local };
    const declaration = this.index(file).lookup(name)?.node;
    if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
    const specifier = importSpecifierOf(declaration);
    const path = specifier === undefined ? undefined : this.host.resolveImportedFile(file.path, specifier);
    if (path === undefined) return undefined;
    if (!this.host.moduleReachesInternal(path)) return 'imported-clean';
    const target = this.importTarget(file, declaration);
    return target && exportedDeclaration(this.host, target.file, target.name);
  }

  /** What a declaration's values can hold: a persistence class is internal; other classes, interfaces and aliases by their members. */
  private declared(file: AnalyzedFile, node: ts.Node, walk: Walk): boolean {
    if (!this.visit(node, walk)) return false;
    if (this.host.isInternalTypeFile(file.path)) return true;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      if (this.host.persistenceClass(file.path, node.getStart(file.sourceFile), node.end)) return true;
      if (node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)) return true;
      return node.members.some((member) => {
        if (!ts.isPropertyDeclaration(member) || member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return false;
        if (member.type) return this.typeNode(file, member.type, walk);
        return member.initializer ? this.value(file, member.initializer, walk) : false;
      });
    }
    if (ts.isInterfaceDeclaration(node)) {
      const bases = node.heritageClauses?.flatMap((clause) => clause.types) ?? [];
      return bases.length > 0 || this.members(file, node.members, walk);
    }
    if (ts.isTypeAliasDeclaration(node)) return this.typeNode(file, node.type, walk);
    if (ts.isEnumDeclaration(node)) return false;
    if (ts.isVariableDeclaration(node)) return node.type ? this.typeNode(file, node.type, walk) : node.initializer ? this.value(file, node.initializer, walk) : true;
    return true;
  }

  private members(file: AnalyzedFile, members: ts.NodeArray<ts.TypeElement>, walk: Walk): boolean {
    return members.some((member) => {
      if (ts.isPropertySignature(member)) return member.type ? this.typeNode(file, member.type, walk) : false;
      if (ts.isIndexSignatureDeclaration(member)) return this.typeNode(file, member.type, walk);
      return false;
    });
  }
}
