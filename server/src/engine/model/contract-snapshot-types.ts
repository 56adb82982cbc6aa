// The structure of the exported types of one contract module, read from syntax alone: fields with their optionality
// and type text, and enum / literal-union members. breaking-contract-change compares these between the base and the
// working tree, so the text is canonical: whitespace, union order, `Array<T>` vs `T[]` and `readonly` do not count as changes.
import ts from 'typescript';
import type { AnalyzedFile } from './types.js';

export interface ContractField {
  name: string;
  /** `name?:`, or `undefined` among the union members: a reader may find it absent. */
  optional: boolean;
  /** Canonical type text without `undefined`; '' when not written (a class property with no annotation). */
  type: string;
  /** The canonical union members of the type, without `undefined` (one member for a non-union). */
  members: string[];
  /** The member declaration. */
  start: number;
  end: number;
  /** Set by the snapshot for a field that comes from a type this one extends: the declaring type's name. */
  inheritedFrom?: string;
}

export interface ContractType {
  name: string;
  kind: 'interface' | 'type' | 'class' | 'enum';
  file: string;
  /** The declaration's name: where findings about the type as a whole are reported. */
  start: number;
  end: number;
  /** Object-like types: their data fields (methods, private and static members are not part of the wire shape). */
  fields?: ContractField[];
  /** Enums: member names; aliases of a literal union: the literals (`"paid"`, `42`). */
  literals?: string[];
  /** Types it extends or intersects by name; the snapshot merges their fields when they are contract types too. */
  bases: string[];
}

/** The exported types of a module, in declaration order. */
export function readContractTypes(file: AnalyzedFile): ContractType[] {
  const sourceFile = file.sourceFile;
  const exportedLater = locallyExportedNames(sourceFile);
  const types: ContractType[] = [];
  for (const statement of sourceFile.statements) {
    if (!isTypeDeclaration(statement) || !statement.name) continue;
    if (!hasExportModifier(statement) && !exportedLater.has(statement.name.text)) continue;
    const type = readDeclaration(statement, sourceFile, file.path);
    if (type) types.push(type);
  }
  return types;
}

type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;

function isTypeDeclaration(node: ts.Node): node is TypeDeclaration {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node);
}

function readDeclaration(declaration: TypeDeclaration, sourceFile: ts.SourceFile, path: string): ContractType | undefined {
  const name = declaration.name!;
  const base = { name: name.text, file: path, start: name.getStart(sourceFile), end: name.end, bases: [] as string[] };
  if (ts.isEnumDeclaration(declaration)) {
    return { ...base, kind: 'enum', literals: declaration.members.map((member) => propertyName(member.name) ?? member.name.getText(sourceFile)) };
  }
  if (ts.isInterfaceDeclaration(declaration)) {
    return { ...base, kind: 'interface', fields: fieldsOf(declaration.members, sourceFile), bases: heritageNames(declaration.heritageClauses) };
  }
  if (ts.isClassDeclaration(declaration)) {
    return { ...base, kind: 'class', fields: classFields(declaration, sourceFile), bases: heritageNames(declaration.heritageClauses) };
  }
  return readAlias(declaration, sourceFile, base);
}

function readAlias(alias: ts.TypeAliasDeclaration, sourceFile: ts.SourceFile, base: Omit<ContractType, 'kind'>): ContractType | undefined {
  const type = unwrapParentheses(alias.type);
  if (ts.isTypeLiteralNode(type)) return { ...base, kind: 'type', fields: fieldsOf(type.members, sourceFile) };
  if (ts.isIntersectionTypeNode(type)) {
    const fields: ContractField[] = [];
    const bases: string[] = [];
    for (const part of type.types.map(unwrapParentheses)) {
      if (ts.isTypeLiteralNode(part)) fields.push(...fieldsOf(part.members, sourceFile));
      else if (ts.isTypeReferenceNode(part)) bases.push(part.typeName.getText(sourceFile));
    }
    return { ...base, kind: 'type', fields, bases };
  }
  const members = unionMembers(type, sourceFile).filter((member) => member !== 'null' && member !== 'undefined');
  if (members.length > 0 && members.every(isLiteralText)) return { ...base, kind: 'type', literals: members };
  // Anything else (`z.infer<typeof S>`, mapped and conditional types) has no shape we can read without a checker.
  return undefined;
}

function fieldsOf(members: ts.NodeArray<ts.TypeElement>, sourceFile: ts.SourceFile): ContractField[] {
  const fields: ContractField[] = [];
  for (const member of members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = propertyName(member.name);
    if (name !== undefined) fields.push(field(name, member.questionToken !== undefined, member.type, member, sourceFile));
  }
  return fields;
}

function classFields(declaration: ts.ClassDeclaration, sourceFile: ts.SourceFile): ContractField[] {
  const fields: ContractField[] = [];
  for (const member of declaration.members) {
    if (ts.isPropertyDeclaration(member) && isPublicInstanceMember(member)) {
      const name = propertyName(member.name);
      if (name !== undefined) fields.push(field(name, member.questionToken !== undefined, member.type, member, sourceFile));
    }
    // `constructor(public readonly id: string)`: a parameter property is a field of the instance.
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        const modifiers = ts.getModifiers(parameter) ?? [];
        const isProperty = modifiers.some((m) => m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (isProperty && isPublicInstanceMember(parameter) && ts.isIdentifier(parameter.name)) {
          fields.push(field(parameter.name.text, parameter.questionToken !== undefined, parameter.type, parameter, sourceFile));
        }
      }
    }
  }
  return fields;
}

function isPublicInstanceMember(member: ts.PropertyDeclaration | ts.ParameterDeclaration): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  const hidden = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.StaticKeyword];
  return !(ts.getModifiers(member) ?? []).some((modifier) => hidden.includes(modifier.kind));
}

function field(name: string, question: boolean, type: ts.TypeNode | undefined, node: ts.Node, sourceFile: ts.SourceFile): ContractField {
  const all = type ? unionMembers(type, sourceFile) : [];
  const members = all.filter((member) => member !== 'undefined');
  const optional = question || members.length < all.length;
  return { name, optional, type: [...members].sort().join(' | '), members, start: node.getStart(sourceFile), end: node.end };
}

/** The canonical members of a type: a union's members, flattened through parentheses and nested unions. */
export function unionMembers(type: ts.TypeNode, sourceFile: ts.SourceFile): string[] {
  const inner = unwrapParentheses(type);
  if (ts.isUnionTypeNode(inner)) return [...new Set(inner.types.flatMap((member) => unionMembers(member, sourceFile)))];
  return [canonicalType(inner, sourceFile)];
}

export function canonicalType(type: ts.TypeNode, sourceFile: ts.SourceFile): string {
  const node = unwrapParentheses(type);
  if (ts.isUnionTypeNode(node)) return unionMembers(node, sourceFile).sort().join(' | ');
  if (ts.isArrayTypeNode(node)) return `${wrapped(node.elementType, sourceFile)}[]`;
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return canonicalType(node.type, sourceFile);
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && ['Array', 'ReadonlyArray'].includes(node.typeName.text) && node.typeArguments?.length === 1) {
    return `${wrapped(node.typeArguments[0]!, sourceFile)}[]`;
  }
  if (ts.isLiteralTypeNode(node) && (ts.isStringLiteral(node.literal) || ts.isNoSubstitutionTemplateLiteral(node.literal))) return JSON.stringify(node.literal.text);
  return node.getText(sourceFile).replace(/\s+/g, ' ').replace(/'([^'\\"]*)'/g, '"$1"').replace(/[;,]\s*}/g, ' }');
}

function wrapped(type: ts.TypeNode, sourceFile: ts.SourceFile): string {
  const text = canonicalType(type, sourceFile);
  const node = unwrapParentheses(type);
  return ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node) || ts.isFunctionTypeNode(node) ? `(${text})` : text;
}

export function isLiteralText(text: string): boolean {
  return /^"(?:[^"\\]|\\.)*"$/.test(text) || /^-?\d[\d_]*(?:\.\d+)?$/.test(text) || text === 'true' || text === 'false';
}

function unwrapParentheses(type: ts.TypeNode): ts.TypeNode {
  let node = type;
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  return node;
}

function heritageNames(clauses: ts.NodeArray<ts.HeritageClause> | undefined): string[] {
  const names: string[] = [];
  for (const clause of clauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    for (const type of clause.types) if (ts.isIdentifier(type.expression)) names.push(type.expression.text);
  }
  return names;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** `export { OrderDto, type PaymentDto }` at the end of a module: the local declarations it exports. */
function locallyExportedNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
  }
  return names;
}
