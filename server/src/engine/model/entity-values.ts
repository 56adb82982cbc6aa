// Values that hold entities, found from syntax alone (value-taint.ts asks): a declared type that is an entity class
// (`Promise<Order>`, `order: Order`), what a repository's `findOne`/`find`/`create`/`save` returns (through variables,
// loops and `.map` callbacks), and the declared type of an entity's column (`payment.status` is a `PaymentStatus`).
import ts from 'typescript';
import { ENTITY_RETURNING_METHODS } from '../adapters/persistence-members.js';
import type { FileIndex } from '../facts/file-index.js';
import { unwrapExpression } from '../facts/syntax.js';
import type { PersistenceFact } from '../facts/types.js';
import { classMember, findCall, isNullish } from './syntax-declarations.js';
import type { AnalyzedFile } from './types.js';

export interface EntityClass {
  file: AnalyzedFile;
  node: ts.ClassLikeDeclaration;
  fact: PersistenceFact;
}

export interface EntityHost {
  index(file: AnalyzedFile): FileIndex;
  /** The declaration a type name refers to (a local or imported type); anything else is not an object. */
  typeDeclaration(file: AnalyzedFile, name: ts.Identifier): { file: AnalyzedFile; node: ts.Node } | string | undefined;
  persistenceClass(path: string, start: number, end: number): PersistenceFact | undefined;
}

/** Array methods whose result holds the receiver's elements. */
export const SAME_ELEMENTS = new Set(['filter', 'concat', 'reverse', 'sort', 'find', 'findLast', 'at', 'pop', 'shift', 'flat', 'toSorted', 'toReversed']);

export class EntityValues {
  constructor(private readonly deps: EntityHost) {}

  /**
   * A declared type that plainly is a persistence class, `Promise<Order>`, `Order[]`, `Order | null` (the common Nest
   * handler): found from the declarations alone, with the wrappers on the way ('await', '[]').
   */
  persistenceClassOf(file: AnalyzedFile, node: ts.TypeNode): { file: AnalyzedFile; node: ts.ClassLikeDeclaration; fact: PersistenceFact; path: string[] } | undefined {
    const path: string[] = [];
    let current: ts.TypeNode = node;
    for (let depth = 0; depth < 4; depth++) {
      if (ts.isUnionTypeNode(current)) {
        const values = current.types.filter((type) => !isNullish(type));
        if (values.length !== 1) return undefined;
        current = values[0]!;
      } else if (ts.isArrayTypeNode(current)) {
        path.push('[]');
        current = current.elementType;
      } else if (ts.isTypeReferenceNode(current) && ts.isIdentifier(current.typeName) && ['Promise', 'Array'].includes(current.typeName.text) && current.typeArguments?.length === 1 && this.deps.index(file).isGlobal(current.typeName)) {
        path.push(current.typeName.text === 'Promise' ? 'await' : '[]');
        current = current.typeArguments[0]!;
      } else break;
    }
    if (!ts.isTypeReferenceNode(current) || !ts.isIdentifier(current.typeName)) return undefined;
    const found = this.deps.typeDeclaration(file, current.typeName);
    if (typeof found !== 'object' || !ts.isClassLike(found.node)) return undefined;
    const fact = this.deps.persistenceClass(found.file.path, found.node.getStart(found.file.sourceFile), found.node.end);
    return fact && { file: found.file, node: found.node, fact, path };
  }

  /**
   * An expression that holds instances of an entity class (or arrays or promises of them): what a repository's `findOne`,
   * `find`, `create`, `save` return, read through variables, loops and `.map` callbacks. Its columns can then be judged
   * by their declared types (`payment.status` is a `PaymentStatus`, not the entity).
   */
  entityValue(file: AnalyzedFile, expression: ts.Expression, depth: number): EntityClass | undefined {
    if (depth > 6) return undefined;
    const node = unwrapExpression(expression);
    if (ts.isIdentifier(node)) {
      const declaration = this.deps.index(file).lookup(node)?.node;
      // `order: Order`, `orders: Order[]`: declared as the entity.
      const declared = declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) && declaration.type ? this.persistenceClassOf(file, declaration.type) : undefined;
      if (declared) return { file: declared.file, node: declared.node, fact: declared.fact };
      if (declaration && ts.isVariableDeclaration(declaration)) {
        if (declaration.initializer) return this.entityValue(file, declaration.initializer, depth + 1);
        const loop = declaration.parent?.parent;
        return loop && ts.isForOfStatement(loop) ? this.entityValue(file, loop.expression, depth + 1) : undefined;
      }
      if (declaration && ts.isParameter(declaration) && !declaration.type) {
        // `items.map((item) => item.total)`: the element of what is iterated.
        const call = declaration.parent?.parent;
        const callee = call && ts.isCallExpression(call) ? unwrapExpression(call.expression) : undefined;
        return callee && ts.isPropertyAccessExpression(callee) ? this.entityValue(file, callee.expression, depth + 1) : undefined;
      }
      return undefined;
    }
    if (!ts.isCallExpression(node)) return undefined;
    const callee = unwrapExpression(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    if (ENTITY_RETURNING_METHODS.has(callee.name.text)) {
      const repository = this.repositoryAt(file, unwrapExpression(callee.expression));
      if (repository) return repository;
    }
    return SAME_ELEMENTS.has(callee.name.text) ? this.entityValue(file, callee.expression, depth + 1) : undefined;
  }

  /** The entity a repository expression serves: a `getRepository(Order)` call, a variable or `this` member holding one, an injected one. */
  private repositoryAt(file: AnalyzedFile, expression: ts.Expression): EntityClass | undefined {
    let spans: ts.Node[] = [expression];
    if (ts.isIdentifier(expression)) {
      const declaration = this.deps.index(file).lookup(expression)?.node;
      spans = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? [unwrapExpression(declaration.initializer)] : [];
    } else if (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = this.deps.index(file).ancestor(expression, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
      const member = owner && classMember(owner, expression.name.text);
      const assigned = (this.deps.index(file).thisMemberAssignments.get(expression.name.text) ?? []).filter((a) => owner && a.pos >= owner.pos && a.end <= owner.end).map((a) => unwrapExpression(a.right));
      spans = [...assigned, ...(member && ts.isPropertyDeclaration(member) && member.initializer ? [unwrapExpression(member.initializer)] : []), ...(member ? [member] : [])];
    }
    for (const candidate of spans) {
      const start = candidate.getStart(file.sourceFile);
      const fact = file.facts.persistence.find((f) => f.kind === 'repository' && f.start >= start && f.end <= candidate.end);
      const call = fact && findCall(candidate, fact.start, fact.end, file.sourceFile);
      const argument = call?.arguments[0] && unwrapExpression(call.arguments[0]);
      if (!argument || !ts.isIdentifier(argument)) continue;
      const found = this.deps.typeDeclaration(file, argument);
      if (typeof found !== 'object' || !ts.isClassLike(found.node)) continue;
      const entity = this.deps.persistenceClass(found.file.path, found.node.getStart(found.file.sourceFile), found.node.end);
      if (entity) return { file: found.file, node: found.node, fact: entity };
    }
    return undefined;
  }

  /** A column's declared type; undefined for a relation, a method or anything else that is not a typed column. */
  columnType(entity: EntityClass, name: string): { file: AnalyzedFile; type: ts.TypeNode } | undefined {
    const field = entity.fact.fields?.find((candidate) => candidate.name === name);
    if (!field || field.relation) return undefined;
    const type = classMember(entity.node, name)?.type;
    return type && { file: entity.file, type };
  }
}
