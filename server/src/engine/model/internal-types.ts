// Which persistence or internal types a contract carries, by type (rules.md leaked-internal-type): the checker's type of
// the sent value, or of a declared type, looked through `Promise`, arrays and tuples, unions and intersections, and the
// properties of plain object types (`{ order }` carries `Order`). A type is internal when it is a workspace class declared
// as a persistence model (its PersistenceFact), a library's record type (adapters/persistence-types.ts), or declared in a
// module config `internalTypes` names.
import ts from 'typescript';
import type { PersistenceFact, Span } from '../facts/types.js';
import { libraryPersistenceType, type PrismaClientShape } from '../adapters/persistence-types.js';
import type { CheckedFile } from '../program/type-checker.js';
import type { Location } from '../types.js';
import { findNodeAt } from './string-folding.js';
import type { AnalyzedFile } from './types.js';

export interface InternalTypeUse {
  /** The type's name ('Order'; a library type's name when it has no better one). */
  name: string;
  /** What it is, for messages: 'TypeORM entity', 'Mongoose document', 'internal type'. */
  description: string;
  /** How the contract reaches it: 'await' (a promise's value), '[]' (an element), '<>' (a type argument), or a property name. */
  path: string[];
  /** Where the type is declared, when that is a workspace file. */
  declaration?: Location;
  /** A workspace persistence class: its fact (fields for the "Extract contract type" fix). */
  persistence?: { file: string; fact: PersistenceFact };
  /** Asked about a declaration: the member's type annotation that carries it. */
  member?: Span;
}

export interface InternalTypeHost {
  checkerFor(file: string): CheckedFile | undefined;
  persistenceClassAt(path: string, start: number, end: number): PersistenceFact | undefined;
  isInternalTypeFile(path: string): boolean;
  prisma: () => PrismaClientShape;
}

const MAX_DEPTH = 6;

const PERSISTENCE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  typeorm: 'TypeORM entity',
  'mikro-orm': 'MikroORM entity',
  mongoose: 'Mongoose document class',
  sequelize: 'Sequelize model',
};

export function describePersistence(fact: PersistenceFact): string {
  return PERSISTENCE_DESCRIPTIONS[fact.library] ?? `${fact.library} model`;
}

/**
 * The internal types at a span of a file: 'value' asks about an expression's type, 'type' about a type node, 'declaration'
 * about the members of an interface, type alias or class declared there (an exported contract type).
 */
export function internalTypesAt(host: InternalTypeHost, file: AnalyzedFile, at: Span, how: 'value' | 'type' | 'declaration'): InternalTypeUse[] {
  const checked = host.checkerFor(file.path);
  if (!checked) return [];
  const node = findNodeAt(checked.sourceFile, at.start, at.end);
  if (!node) return [];
  if (how === 'declaration') {
    const name = (node as ts.NamedDeclaration).name;
    const symbol = name && checked.checker.getSymbolAtLocation(name);
    if (!symbol) return [];
    const type = ts.isClassDeclaration(node) ? checked.checker.getDeclaredTypeOfSymbol(symbol) : checked.checker.getTypeAtLocation(node);
    const uses: InternalTypeUse[] = [];
    for (const property of checked.checker.getPropertiesOfType(type)) {
      const member = property.valueDeclaration;
      const typeNode = member && (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) ? member.type : undefined;
      // Members inherited from elsewhere are reported where they are declared.
      if (!typeNode || member!.getSourceFile() !== checked.sourceFile) continue;
      const [use] = new Finder(host, checked.checker).find(checked.checker.getTypeOfSymbol(property), [property.getName()]);
      if (use) uses.push({ ...use, member: { start: typeNode.getStart(checked.sourceFile), end: typeNode.end } });
    }
    return uses;
  }
  const type = how === 'type' && ts.isTypeNode(node) ? checked.checker.getTypeFromTypeNode(node) : checked.checker.getTypeAtLocation(node);
  return new Finder(host, checked.checker).find(type, []);
}

class Finder {
  private readonly uses: InternalTypeUse[] = [];
  private readonly seen = new Set<ts.Type>();

  constructor(
    private readonly host: InternalTypeHost,
    private readonly checker: ts.TypeChecker,
  ) {}

  find(type: ts.Type, path: string[]): InternalTypeUse[] {
    this.walk(type, path, 0);
    return this.uses;
  }

  private walk(type: ts.Type, path: string[], depth: number): void {
    if (depth > MAX_DEPTH || this.seen.has(type)) return;
    this.seen.add(type);
    const scalar = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike |
      ts.TypeFlags.ESSymbolLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never | ts.TypeFlags.NonPrimitive;
    if (type.flags & scalar) return;
    if (type.isUnion()) {
      for (const member of type.types) this.walk(member, path, depth);
      return;
    }
    const own = this.classify(type);
    if (own) {
      this.uses.push({ ...own, path });
      return;
    }
    if (type.isIntersection()) {
      // `Document<…> & Cat & { _id }`: one library record member makes the whole a record, named after its own part.
      const library = type.types.map((member) => this.classify(member)).find((use) => use !== undefined);
      if (library) {
        const named = type.types.find((member) => member.getSymbol()?.declarations?.some((d) => !isLibraryFile(d.getSourceFile().fileName)));
        this.uses.push({ ...library, name: named?.getSymbol()?.getName() ?? library.name, path });
        return;
      }
      for (const member of type.types) this.walk(member, path, depth + 1);
      return;
    }
    const awaited = this.checker.getAwaitedType(type);
    if (awaited && awaited !== type) {
      this.walk(awaited, [...path, 'await'], depth + 1);
      return;
    }
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      for (const element of this.checker.getTypeArguments(type as ts.TypeReference)) this.walk(element, [...path, '[]'], depth + 1);
      return;
    }
    if (!(type.flags & ts.TypeFlags.Object)) return;
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    if (declaration && isLibraryFile(declaration.getSourceFile().fileName)) {
      // A library's generic (`Map<string, Order>`, `Record<string, Order>`): what it is instantiated with.
      const args = (type as ts.TypeReference).target ? this.checker.getTypeArguments(type as ts.TypeReference) : (type.aliasTypeArguments ?? []);
      for (const argument of args) this.walk(argument, [...path, '<>'], depth + 1);
      return;
    }
    for (const property of this.checker.getPropertiesOfType(type)) {
      const member = property.valueDeclaration ?? property.declarations?.[0];
      if (member && (ts.isMethodDeclaration(member) || ts.isMethodSignature(member) || ts.isGetAccessorDeclaration(member))) continue;
      this.walk(this.checker.getTypeOfSymbol(property), [...path, property.getName()], depth + 1);
    }
  }

  /** The type itself (not its parts): a persistence class, a library record type, or a configured internal type. */
  private classify(type: ts.Type): Omit<InternalTypeUse, 'path'> | undefined {
    const symbol = type.getSymbol();
    for (const declaration of symbol?.declarations ?? []) {
      if (!ts.isClassLike(declaration)) continue;
      const sourceFile = declaration.getSourceFile();
      const fact = this.host.persistenceClassAt(sourceFile.fileName, declaration.getStart(sourceFile), declaration.end);
      if (fact) {
        return {
          name: fact.name,
          description: describePersistence(fact),
          declaration: location(declaration),
          persistence: { file: sourceFile.fileName, fact },
        };
      }
    }
    const library = libraryPersistenceType(type, this.host.prisma);
    if (library) return { name: library.name, description: library.description };
    if (type.isClassOrInterface()) {
      for (const base of this.checker.getBaseTypes(type)) {
        const inherited = this.classify(base);
        if (inherited) return { ...inherited, name: symbol?.getName() ?? inherited.name, ...declarationOf(symbol) };
      }
    }
    const declared = (type.aliasSymbol ?? symbol)?.declarations?.[0];
    if (declared && this.host.isInternalTypeFile(declared.getSourceFile().fileName)) {
      return { name: (type.aliasSymbol ?? symbol)!.getName(), description: 'internal type', declaration: location(declared) };
    }
    return undefined;
  }
}

function declarationOf(symbol: ts.Symbol | undefined): { declaration?: Location } {
  const declaration = symbol?.declarations?.[0];
  return declaration && !isLibraryFile(declaration.getSourceFile().fileName) ? { declaration: location(declaration) } : {};
}

function location(node: ts.Node): Location {
  const sourceFile = node.getSourceFile();
  const named = (node as ts.NamedDeclaration).name ?? node;
  return { file: sourceFile.fileName, start: named.getStart(sourceFile), end: named.end };
}

function isLibraryFile(path: string): boolean {
  return path.includes('/node_modules/');
}
