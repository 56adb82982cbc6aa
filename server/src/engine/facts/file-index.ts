// One walk over a file's syntax tree that records what adapters look up: parents, the declarations of every local
// name with the region where it is visible, and the expressions adapters inspect (calls, `new`, object literals,
// classes, `this.x = …` assignments). The walk uses an explicit stack so a 10,000-deep tree cannot overflow the call
// stack, and it does not need `node.parent`: a source file parsed without parent pointers gets a parent map instead.
import ts from 'typescript';
import type { Span } from './types.js';
import { boundIdentifiers, hasModifier, isTransparentWrapper, reverseFrom, unwrapExpression } from './syntax.js';

/** A local name and where it is visible. */
export interface LocalDeclaration {
  name: string;
  /**
   * What declares it: ImportClause (default import), NamespaceImport, ImportSpecifier, ImportEqualsDeclaration,
   * VariableDeclaration (also a catch clause's), BindingElement, ParameterDeclaration, FunctionDeclaration,
   * ClassDeclaration, EnumDeclaration, ModuleDeclaration, or a named FunctionExpression/ClassExpression.
   */
  node: ts.Node;
  /** The node inside which the name resolves to this declaration (a block, function, catch clause, module or file). */
  scope: ts.Node;
}

export class FileIndex {
  readonly calls: ts.CallExpression[] = [];
  readonly constructions: ts.NewExpression[] = [];
  readonly classes: ts.ClassLikeDeclaration[] = [];
  /** Every function-like node with a body, in source order (the call graph's nodes). */
  readonly functions: ts.FunctionLikeDeclaration[] = [];
  /** `this.name = value` assignments by member name, for following class members to what is stored in them. */
  readonly thisMemberAssignments = new Map<string, ts.BinaryExpression[]>();
  readonly objectLiterals: ts.ObjectLiteralExpression[] = [];
  /** Local names the module exports: `export` modifiers, `export { a }`, `export default a`, `module.exports = a`. */
  readonly exportedLocalNames: ReadonlySet<string>;

  private readonly parents = new Map<ts.Node, ts.Node>();
  /** Declarations by the node whose region they are visible in, then by name. */
  private readonly scopeTables = new Map<ts.Node, Map<string, LocalDeclaration>>();
  private readonly declaredNames = new Set<string>();

  constructor(
    readonly sourceFile: ts.SourceFile,
    readonly text: string,
  ) {
    this.walk();
    this.exportedLocalNames = collectExportedLocalNames(sourceFile);
  }

  parentOf(node: ts.Node): ts.Node | undefined {
    return this.parents.get(node) ?? node.parent;
  }

  /** Span from the first token (after comments) to the end of the node. */
  span(node: ts.Node): Span {
    return { start: node.getStart(this.sourceFile), end: node.end };
  }

  /** The declaration an identifier used at its position refers to; undefined for globals and unknown names. */
  lookup(identifier: ts.Identifier): LocalDeclaration | undefined {
    if (!this.declaredNames.has(identifier.text)) return undefined;
    // Walk out through the enclosing scopes: the innermost one that declares the name wins (shadowing).
    for (let scope = this.parentOf(identifier); scope; scope = this.parentOf(scope)) {
      const declaration = this.scopeTables.get(scope)?.get(identifier.text);
      if (declaration) return declaration;
    }
    return undefined;
  }

  /** True when `identifier` names a global: no declaration of that name is visible where it is used. */
  isGlobal(identifier: ts.Identifier): boolean {
    return this.lookup(identifier) === undefined;
  }

  /** The nearest ancestor satisfying the predicate. */
  ancestor<T extends ts.Node>(node: ts.Node, predicate: (candidate: ts.Node) => candidate is T): T | undefined {
    for (let current = this.parentOf(node); current; current = this.parentOf(current)) {
      if (predicate(current)) return current;
    }
    return undefined;
  }

  /**
   * The variable an expression's value ends up in: `const x = <expr>`, also through await/parens/as and as a branch of
   * `a ?? <expr>`, `a || <expr>`, `c ? <expr> : d` (`export const User = models.User || model('User', schema)`).
   */
  assignedVariable(expression: ts.Expression): ts.VariableDeclaration | undefined {
    const holder = this.valueHolder(expression);
    return holder && ts.isVariableDeclaration(holder.parent) && holder.parent.initializer === holder.value ? holder.parent : undefined;
  }

  /** Whether the value of an expression is exported: `export const x = <expr>`, `export default <expr>`, or a name exported later. */
  isExportedValue(expression: ts.Expression): boolean {
    const variable = this.assignedVariable(expression);
    if (variable) return this.isExportedVariable(variable);
    const holder = this.valueHolder(expression);
    if (!holder) return false;
    if (ts.isExportAssignment(holder.parent)) return true;
    return ts.isBinaryExpression(holder.parent) && holder.parent.right === holder.value && isCommonJsExportTarget(holder.parent.left);
  }

  /** The outermost expression that passes this value through unchanged, and the node that receives it. */
  private valueHolder(expression: ts.Expression): { value: ts.Node; parent: ts.Node } | undefined {
    let current: ts.Node = expression;
    for (let parent = this.parentOf(current); parent; parent = this.parentOf(current)) {
      if (isTransparentWrapper(parent) || isValueBranch(parent, current)) {
        current = parent;
        continue;
      }
      return { value: current, parent };
    }
    return undefined;
  }

  isExportedVariable(variable: ts.VariableDeclaration): boolean {
    const statement = this.parentOf(this.parentOf(variable) ?? variable);
    if (statement && ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return true;
    return ts.isIdentifier(variable.name) && this.exportedLocalNames.has(variable.name.text);
  }

  isExportedDeclaration(declaration: ts.ClassLikeDeclaration | ts.FunctionDeclaration): boolean {
    if (hasModifier(declaration, ts.SyntaxKind.ExportKeyword)) return true;
    return declaration.name !== undefined && this.exportedLocalNames.has(declaration.name.text);
  }

  private walk(): void {
    const stack: ts.Node[] = [this.sourceFile];
    let parent: ts.Node = this.sourceFile;
    const pushChild = (child: ts.Node): void => {
      // Trees parsed with parent pointers (ts-morph's) need no map entry; others get one.
      if (child.parent !== parent) this.parents.set(child, parent);
      stack.push(child);
    };
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.record(node);
      parent = node;
      const firstChild = stack.length;
      ts.forEachChild(node, pushChild);
      // Popped, and recorded, in source order.
      reverseFrom(stack, firstChild);
    }
  }

  private record(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.CallExpression:
        this.calls.push(node as ts.CallExpression);
        return;
      case ts.SyntaxKind.NewExpression:
        this.constructions.push(node as ts.NewExpression);
        return;
      case ts.SyntaxKind.ObjectLiteralExpression:
        this.objectLiterals.push(node as ts.ObjectLiteralExpression);
        return;
      case ts.SyntaxKind.BinaryExpression:
        if ((node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken) this.recordAssignment(node as ts.BinaryExpression);
        return;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        this.classes.push(node as ts.ClassLikeDeclaration);
        this.recordDeclarationsOf(node);
        return;
      default:
        if (isFunctionWithBody(node)) this.functions.push(node);
        this.recordDeclarationsOf(node);
    }
  }

  private recordAssignment(assignment: ts.BinaryExpression): void {
    const left = assignment.left;
    if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const list = this.thisMemberAssignments.get(left.name.text);
      if (list) list.push(assignment);
      else this.thisMemberAssignments.set(left.name.text, [assignment]);
    }
  }

  private recordDeclarationsOf(node: ts.Node): void {
    if (ts.isImportClause(node) && node.name) this.declare(node.name.text, node, this.moduleScope(node));
    else if (ts.isNamespaceImport(node) || ts.isImportSpecifier(node)) this.declare(node.name.text, node, this.moduleScope(node));
    else if (ts.isImportEqualsDeclaration(node)) this.declare(node.name.text, node, this.moduleScope(node));
    else if (ts.isVariableDeclaration(node)) {
      const scope = this.variableScope(node);
      if (ts.isIdentifier(node.name)) this.declare(node.name.text, node, scope);
      // Destructured names are recorded by their BindingElement, which knows its property path.
    } else if (ts.isBindingElement(node) && ts.isIdentifier(node.name)) {
      const owner = this.ancestor(node, (n): n is ts.VariableDeclaration | ts.ParameterDeclaration => ts.isVariableDeclaration(n) || ts.isParameter(n));
      if (owner) this.declare(node.name.text, node, ts.isParameter(owner) ? (this.parentOf(owner) ?? owner) : this.variableScope(owner));
    } else if (ts.isParameter(node)) {
      const fn = this.parentOf(node) ?? node;
      if (ts.isIdentifier(node.name)) this.declare(node.name.text, node, fn);
    } else if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) {
      if (node.name && ts.isIdentifier(node.name)) this.declare(node.name.text, node, this.blockScope(node));
    } else if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) {
      // A named function/class expression's name is visible only inside itself.
      this.declare(node.name.text, node, node);
    }
    // Catch clause variables are VariableDeclarations whose block scope is the CatchClause: handled above.
  }

  private declare(name: string, node: ts.Node, scope: ts.Node): void {
    this.declaredNames.add(name);
    let table = this.scopeTables.get(scope);
    if (!table) this.scopeTables.set(scope, (table = new Map()));
    // Within one scope the first declaration wins: hoisted functions, `var` declared twice, overloads.
    if (!table.has(name)) table.set(name, { name, node, scope });
  }

  private moduleScope(node: ts.Node): ts.Node {
    return this.ancestor(node, (n): n is ts.SourceFile | ts.ModuleBlock => ts.isSourceFile(n) || ts.isModuleBlock(n)) ?? this.sourceFile;
  }

  private variableScope(declaration: ts.VariableDeclaration): ts.Node {
    const list = this.parentOf(declaration);
    const isVar = list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) === 0;
    if (isVar) return this.ancestor(declaration, isFunctionScope) ?? this.sourceFile;
    return this.blockScope(declaration);
  }

  private blockScope(node: ts.Node): ts.Node {
    return this.ancestor(node, isBlockScope) ?? this.sourceFile;
  }
}

function isFunctionScope(node: ts.Node): node is ts.Node {
  return ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
}

function isBlockScope(node: ts.Node): node is ts.Node {
  return (
    isFunctionScope(node) ||
    ts.isBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isForStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isCatchClause(node)
  );
}


/** `a ?? value`, `a || value`, `c ? value : d`: the value may be what the whole expression yields. */
function isValueBranch(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isConditionalExpression(parent)) return parent.whenTrue === child || parent.whenFalse === child;
  if (!ts.isBinaryExpression(parent)) return false;
  const operator = parent.operatorToken.kind;
  return operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken;
}

/** Names of local declarations that the module exports, from its top-level statements. */
function collectExportedLocalNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          for (const identifier of boundIdentifiers(declaration.name)) names.add(identifier.text);
        }
      } else {
        const name = declaredName(statement);
        if (name !== undefined) names.add(name);
      }
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      names.add(statement.expression.text);
    } else if (ts.isExpressionStatement(statement)) {
      addCommonJsExportedNames(statement.expression, names);
    }
  }
  return names;
}

function declaredName(statement: ts.Statement): string | undefined {
  const isNamedDeclaration =
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement);
  return isNamedDeclaration && statement.name && ts.isIdentifier(statement.name) ? statement.name.text : undefined;
}

/** `module.exports = a`, `module.exports = { a, b: c }`, `exports.x = a`: the local names on the right. */
function addCommonJsExportedNames(expression: ts.Expression, names: Set<string>): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  if (!isCommonJsExportTarget(expression.left)) return;
  const right = unwrapExpression(expression.right);
  if (ts.isIdentifier(right)) names.add(right.text);
  else if (ts.isObjectLiteralExpression(right)) {
    for (const property of right.properties) {
      if (ts.isShorthandPropertyAssignment(property)) names.add(property.name.text);
      else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)) names.add(property.initializer.text);
    }
  }
}

/** `module.exports`, `module.exports.x`, `exports.x`. */
export function isCommonJsExportTarget(expression: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(expression)) return false;
  const base = expression.expression;
  if (ts.isIdentifier(base)) return (base.text === 'module' && expression.name.text === 'exports') || base.text === 'exports';
  return ts.isPropertyAccessExpression(base) && ts.isIdentifier(base.expression) && base.expression.text === 'module' && base.name.text === 'exports';
}

function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)) &&
    node.body !== undefined
  );
}
