// Compute the string an expression evaluates to, as far as the source says: literals, templates, concatenation,
// constants (across modules), config-object properties, `new URL(path, base)` and `process.env` lookups with defaults.
// Remote-call URLs and connection strings are rarely written in one literal; rules need the value and the literals it came from.
import ts from 'typescript';
import { isTransparentWrapper, unwrapExpression } from '../facts/syntax.js';
import type { AnalyzedFile, FoldedString } from './types.js';

export interface FoldingHost {
  file(path: string): AnalyzedFile | undefined;
  resolveImportedFile(fromFile: string, specifier: string): string | undefined;
}

const MAX_DEPTH = 16;
const UNKNOWN = '\u2026';

type Literal = FoldedString['literals'][number];

/** Parameter declarations bound to the arguments of one call: folding inside a callee as seen from that call site. */
export type ParameterBindings = ReadonlyMap<ts.ParameterDeclaration, { file: AnalyzedFile; node: ts.Expression }>;

export class StringFolder {
  private bindings: ParameterBindings | undefined;

  constructor(private readonly host: FoldingHost) {}

  fold(path: string, start: number, end: number, bindings?: ParameterBindings): FoldedString | undefined {
    const file = this.host.file(path);
    if (!file) return undefined;
    const node = findNodeAt(file.sourceFile, start, end);
    if (!node) return undefined;
    this.bindings = bindings;
    try {
      return this.foldNode(file, node, 0);
    } finally {
      this.bindings = undefined;
    }
  }

  foldNode(file: AnalyzedFile, node: ts.Node, depth: number): FoldedString | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const next = depth + 1;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return { value: node.text, literals: [literalOf(file, node)], fromEnv: false, envDefault: false, complete: true };
    }
    if (ts.isTemplateExpression(node)) return this.foldTemplate(file, node, next);
    if (isTransparentWrapper(node)) return this.foldNode(file, node.expression, next);
    // `{ method }`: the shorthand property and its name share a span; the name is the value.
    if (ts.isShorthandPropertyAssignment(node)) return this.foldNode(file, node.name, next);
    if (ts.isBinaryExpression(node)) return this.foldBinary(file, node, next);
    if (isEnvLookup(node)) return { value: `\${${envName(node)}}`, literals: [], fromEnv: true, envDefault: false, complete: false };
    const configKey = this.configServiceKey(file, node, next);
    if (configKey !== undefined) return { value: `\${${configKey}}`, literals: [], fromEnv: true, envDefault: false, complete: false };
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.length) {
      return this.foldUrlConstructor(file, node.arguments, next);
    }
    if (ts.isArrayLiteralExpression(node) && node.elements.length === 1) return this.foldNode(file, node.elements[0]!, next);
    const target = this.resolveReference(file, node, next);
    if (!target) return undefined;
    const folded = this.foldNode(target.file, target.node, next);
    // `function client(base = 'http://inventory:3000') { … process.env … }`: the default serves local runs only.
    if (folded && isDefaultOfEnvReadingFunction(target.node)) return markEnvDefault(folded);
    return folded;
  }

  /**
   * NestJS `configService.get(KEY)` / `getOrThrow(KEY)` reads the environment (ConfigModule loads `.env` and the process
   * environment): an env lookup of KEY, folded when the key is a constant, an enum member or a static member.
   */
  private configServiceKey(file: AnalyzedFile, node: ts.Node, depth: number): string | undefined {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !node.arguments[0]) return undefined;
    if (node.expression.name.text !== 'get' && node.expression.name.text !== 'getOrThrow') return undefined;
    const receiver = node.expression.expression;
    const receiverName = ts.isPropertyAccessExpression(receiver) ? receiver.name.text : ts.isIdentifier(receiver) ? receiver.text : '';
    if (!/config/i.test(receiverName) || !importsNestConfig(file)) return undefined;
    const key = this.foldNode(file, node.arguments[0], depth);
    return key?.complete && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key.value) ? key.value : undefined;
  }

  /** The expression an identifier or property access stands for: a const initializer, a parameter default, an imported constant, an object property. */
  resolveReference(file: AnalyzedFile, node: ts.Node, depth: number): { file: AnalyzedFile; node: ts.Expression } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (ts.isIdentifier(node)) return this.resolveIdentifier(file, node, depth + 1);
    if (ts.isPropertyAccessExpression(node) || (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : (node.argumentExpression as ts.StringLiteralLike).text;
      const owner = this.resolveObject(file, node.expression, depth + 1);
      const property = owner && objectProperty(owner.node, name);
      if (property) return { file: owner.file, node: property };
      return this.resolveMember(file, node.expression, name, depth + 1);
    }
    return undefined;
  }

  /**
   * `Topics.ORDER_PLACED` where `Topics` is an enum (string enum, `const enum`) or a class with a `static readonly`
   * member, declared here or exported by another module (re-exports followed): the member's initializer.
   */
  private resolveMember(file: AnalyzedFile, owner: ts.Expression, name: string, depth: number): { file: AnalyzedFile; node: ts.Expression } | undefined {
    const unwrapped = unwrapExpression(owner);
    if (!ts.isIdentifier(unwrapped) || depth > MAX_DEPTH) return undefined;
    const declared = this.typeLikeDeclaration(file, unwrapped, depth);
    if (!declared) return undefined;
    const { file: declaringFile, declaration } = declared;
    if (ts.isEnumDeclaration(declaration)) {
      const member = declaration.members.find((m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name);
      return member?.initializer ? { file: declaringFile, node: member.initializer } : undefined;
    }
    const member = declaration.members.find(
      (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name && (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) !== 0,
    );
    return member?.initializer ? { file: declaringFile, node: member.initializer } : undefined;
  }

  /** The class an identifier names, declared in this file or imported (re-exports followed). */
  classDeclarationOf(file: AnalyzedFile, identifier: ts.Identifier): { file: AnalyzedFile; declaration: ts.ClassDeclaration } | undefined {
    const found = this.typeLikeDeclaration(file, identifier, 0);
    return found && ts.isClassDeclaration(found.declaration) ? { file: found.file, declaration: found.declaration } : undefined;
  }

  private typeLikeDeclaration(file: AnalyzedFile, identifier: ts.Identifier, depth: number): { file: AnalyzedFile; declaration: ts.EnumDeclaration | ts.ClassDeclaration } | undefined {
    const declaration = findDeclaration(identifier);
    if (declaration && (ts.isEnumDeclaration(declaration) || ts.isClassDeclaration(declaration))) return { file, declaration };
    if (declaration && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration))) {
      const imported = this.importedFrom(file, declaration);
      return imported ? this.exportedTypeLike(imported.target, imported.exportedName, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The module file an import binding comes from, and the name it is exported under there. */
  private importedFrom(file: AnalyzedFile, declaration: ts.ImportSpecifier | ts.ImportClause): { target: AnalyzedFile; exportedName: string } | undefined {
    const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : declaration.parent;
    if (!ts.isStringLiteral(importDeclaration.moduleSpecifier)) return undefined;
    const exportedName = ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : 'default';
    const targetPath = this.host.resolveImportedFile(file.path, importDeclaration.moduleSpecifier.text);
    const target = targetPath ? this.host.file(targetPath) : undefined;
    return target ? { target, exportedName } : undefined;
  }

  private exportedTypeLike(file: AnalyzedFile, name: string, depth: number): { file: AnalyzedFile; declaration: ts.EnumDeclaration | ts.ClassDeclaration } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (const statement of file.sourceFile.statements) {
      if ((ts.isEnumDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name && hasExportModifier(statement)) return { file, declaration: statement };
      if (!ts.isExportDeclaration(statement)) continue;
      const named = statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.find((e) => e.name.text === name) : undefined;
      if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && (!statement.exportClause || named)) {
        const targetPath = this.host.resolveImportedFile(file.path, statement.moduleSpecifier.text);
        const target = targetPath ? this.host.file(targetPath) : undefined;
        const found = target && this.exportedTypeLike(target, named?.propertyName?.text ?? name, depth + 1);
        if (found) return found;
      } else if (!statement.moduleSpecifier && named) {
        const local = declarationInStatements(file.sourceFile.statements, (named.propertyName ?? named.name).text);
        if (local && (ts.isEnumDeclaration(local) || ts.isClassDeclaration(local))) return { file, declaration: local };
      }
    }
    return undefined;
  }

  private resolveObject(file: AnalyzedFile, node: ts.Expression, depth: number): { file: AnalyzedFile; node: ts.ObjectLiteralExpression } | undefined {
    const unwrapped = unwrapExpression(node);
    if (ts.isObjectLiteralExpression(unwrapped)) return { file, node: unwrapped };
    const target = this.resolveReference(file, unwrapped, depth);
    return target ? this.resolveObject(target.file, target.node, depth + 1) : undefined;
  }

  private resolveIdentifier(file: AnalyzedFile, identifier: ts.Identifier, depth: number): { file: AnalyzedFile; node: ts.Expression } | undefined {
    const declaration = findDeclaration(identifier);
    if (!declaration) return undefined;
    if (ts.isVariableDeclaration(declaration)) {
      // `let` can be reassigned anywhere; only a `const` initializer is the value.
      const list = declaration.parent;
      if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || !declaration.initializer) return undefined;
      return { file, node: declaration.initializer };
    }
    if (ts.isParameter(declaration)) {
      const bound = this.bindings?.get(declaration);
      if (bound) return bound;
      if (declaration.initializer) return { file, node: declaration.initializer };
    }
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) {
      const imported = this.importedFrom(file, declaration);
      return imported ? this.resolveExport(imported.target, imported.exportedName, depth + 1) : undefined;
    }
    return undefined;
  }

  private resolveExport(file: AnalyzedFile, name: string, depth: number): { file: AnalyzedFile; node: ts.Expression } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (const statement of file.sourceFile.statements) {
      if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return this.resolveIdentifier(file, declaration.name, depth);
        }
      }
      if (name === 'default' && ts.isExportAssignment(statement)) return { file, node: statement.expression };
      if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const reexported = !statement.exportClause || (ts.isNamedExports(statement.exportClause) && statement.exportClause.elements.some((e) => e.name.text === name));
        if (!reexported) continue;
        const originalName = statement.exportClause && ts.isNamedExports(statement.exportClause)
          ? (statement.exportClause.elements.find((e) => e.name.text === name)?.propertyName?.text ?? name)
          : name;
        const targetPath = this.host.resolveImportedFile(file.path, statement.moduleSpecifier.text);
        const target = targetPath ? this.host.file(targetPath) : undefined;
        const found = target && this.resolveExport(target, originalName, depth + 1);
        if (found) return found;
      }
      if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        const element = statement.exportClause.elements.find((e) => e.name.text === name);
        const local = element && (element.propertyName ?? element.name);
        if (local && ts.isIdentifier(local)) return this.resolveIdentifier(file, local, depth);
      }
    }
    return undefined;
  }

  private foldTemplate(file: AnalyzedFile, node: ts.TemplateExpression, depth: number): FoldedString {
    let value = node.head.text;
    let fromEnv = false;
    let envDefault = false;
    let complete = true;
    const literals: Literal[] = [literalOf(file, node)];
    for (const span of node.templateSpans) {
      const part = this.foldNode(file, span.expression, depth);
      if (part) {
        value += part.value;
        fromEnv ||= part.fromEnv;
        envDefault ||= part.envDefault;
        complete &&= part.complete;
        literals.push(...part.literals);
      } else {
        value += UNKNOWN;
        complete = false;
      }
      value += span.literal.text;
    }
    return { value, literals, fromEnv, envDefault, complete };
  }

  private foldBinary(file: AnalyzedFile, node: ts.BinaryExpression, depth: number): FoldedString | undefined {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      const left = this.foldNode(file, node.left, depth);
      const right = this.foldNode(file, node.right, depth);
      // `process.env.X ?? 'http://…'`: the literal is only a local-development default.
      if (left?.fromEnv && right) return markEnvDefault(right);
      return left ?? right;
    }
    if (operator !== ts.SyntaxKind.PlusToken) return undefined;
    const left = this.foldNode(file, node.left, depth);
    const right = this.foldNode(file, node.right, depth);
    if (!left && !right) return undefined;
    return {
      value: (left?.value ?? UNKNOWN) + (right?.value ?? UNKNOWN),
      literals: [...(left?.literals ?? []), ...(right?.literals ?? [])],
      fromEnv: Boolean(left?.fromEnv || right?.fromEnv),
      envDefault: Boolean(left?.envDefault || right?.envDefault),
      complete: Boolean(left?.complete && right?.complete),
    };
  }

  private foldUrlConstructor(file: AnalyzedFile, args: ts.NodeArray<ts.Expression>, depth: number): FoldedString | undefined {
    const path = this.foldNode(file, args[0]!, depth);
    const base = args[1] ? this.foldNode(file, args[1], depth) : undefined;
    if (!base) return path;
    if (!path) return { ...base, value: base.value + UNKNOWN, complete: false };
    const joined = /^[a-z][a-z0-9+.-]*:/i.test(path.value) ? path.value : base.value.replace(/\/$/, '') + (path.value.startsWith('/') ? '' : '/') + path.value;
    return {
      value: joined,
      literals: [...base.literals, ...path.literals],
      fromEnv: base.fromEnv || path.fromEnv,
      envDefault: base.envDefault || path.envDefault,
      complete: base.complete && path.complete,
    };
  }
}

export function findNodeAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  // Siblings' ranges do not overlap: once a node holds the span (or starts after it), no later sibling can, so
  // returning true stops forEachChild there. The outermost node with the span wins (a wrapper and its content can
  // share a span only via trivia).
  const visit = (node: ts.Node): true | undefined => {
    if (node.pos > start) return true;
    if (node.end < end) return undefined;
    if (node.end === end && node.getStart(sourceFile) === start) {
      found = node;
      return true;
    }
    ts.forEachChild(node, visit);
    return true;
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

function literalOf(file: AnalyzedFile, node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): Literal {
  const start = node.getStart(file.sourceFile);
  const ownText = ts.isTemplateExpression(node) ? node.head.text + node.templateSpans.map((span) => span.literal.text).join('') : node.text;
  return { file: file.path, start, end: node.end, text: file.text.slice(start, node.end), ownText };
}

function objectProperty(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

const nestConfigImports = new WeakMap<AnalyzedFile, boolean>();

function importsNestConfig(file: AnalyzedFile): boolean {
  let imports = nestConfigImports.get(file);
  if (imports === undefined) {
    imports = file.facts.imports.some((fact) => fact.specifier === '@nestjs/config');
    nestConfigImports.set(file, imports);
  }
  return imports;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

function markEnvDefault(folded: FoldedString): FoldedString {
  return { ...folded, fromEnv: true, envDefault: true, literals: folded.literals.map((literal) => ({ ...literal, envDefault: true })) };
}

function isDefaultOfEnvReadingFunction(node: ts.Expression): boolean {
  const parameter = node.parent;
  if (!parameter || !ts.isParameter(parameter) || parameter.initializer !== node) return false;
  let readsEnv = false;
  const visit = (child: ts.Node): void => {
    if (readsEnv) return;
    if (isEnvLookup(child)) readsEnv = true;
    else ts.forEachChild(child, visit);
  };
  visit(parameter.parent);
  return readsEnv;
}

export function isEnvLookup(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  const owner = node.expression;
  return ts.isPropertyAccessExpression(owner) && owner.name.text === 'env' && ts.isIdentifier(owner.expression) && owner.expression.text === 'process';
}

function envName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : UNKNOWN;
}

/** The declaration an identifier refers to, by lexical scope (no checker): enough for constants and parameters. */
export function findDeclaration(identifier: ts.Identifier): ts.Node | undefined {
  const name = identifier.text;
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      const parameter = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (parameter) return parameter;
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
      const found = declarationInStatements(scope.statements, name);
      if (found) return found;
    }
  }
  return undefined;
}

function declarationInStatements(statements: ts.NodeArray<ts.Statement>, name: string): ts.Node | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (declaration) return declaration;
    }
    if ((ts.isEnumDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return statement;
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const specifier = bindings.elements.find((e) => e.name.text === name);
        if (specifier) return specifier;
      }
    }
  }
  return undefined;
}
