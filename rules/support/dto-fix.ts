// leaked-internal-type's unsafe fix, "Extract contract type": a `<Name>Dto` interface with the entity's columns in a sibling
// `<name>.dto.ts` (created, or appended to), a `to<Name>Dto()` mapper next to it, and the sent value mapped through it
// (`toOrderDto(await this.orders.getOrder(id))`, `orders.map(toOrderDto)`). A Nest handler's declared return type is
// rewritten to the DTO. When the file already has both names in scope (a mapper written earlier), they are reused.
// Unsafe: the DTO copies every column, internal ones included, for a person to prune; and consumers see dates as strings.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import type { ContractSiteFact, PersistenceField } from '../../server/src/engine/facts/contract-types.js';
import type { InternalTypeUse } from '../../server/src/engine/model/contracts.js';
import { importBindingsOf } from '../../server/src/engine/model/import-bindings.js';
import type { AnalyzedFile, SystemModel } from '../../server/src/engine/model/types.js';
import type { Fix, TextEdit } from '../../server/src/engine/types.js';
import { nodeAt } from './http-calls.js';

type Shape = 'value' | 'array' | 'promise' | 'promise-array';

const GLOBAL_TYPES = new Set(['Date', 'Array', 'ReadonlyArray', 'Record', 'Partial', 'Readonly', 'Required', 'Pick', 'Omit', 'Map', 'Set', 'Promise', 'Buffer', 'Uint8Array', 'BigInt']);

export function extractContractTypeFix(model: SystemModel, file: AnalyzedFile, site: ContractSiteFact, use: InternalTypeUse): Fix | undefined {
  const columns = use.persistence?.fact.fields?.filter((field) => !field.relation);
  let shape = shapeOf(use.path);
  if (!use.persistence || !columns || columns.length === 0 || !shape) return undefined;
  const name = use.name;
  const dto = `${name}Dto`;
  const mapper = `to${name}Dto`;
  const senderEdits: TextEdit[] = [];

  if (site.typeAnnotation) {
    // The declared type names the entity: name the DTO instead. The one returned value decides how to map.
    const annotation = nodeAt(file, site.typeAnnotation, ts.isTypeNode);
    const references = annotation ? typeReferencesNamed(annotation, name) : [];
    const returns = file.facts.contractSites.filter((other) => other.kind === 'response' && other.functionId === site.functionId);
    if (references.length === 0 || returns.length !== 1) return undefined;
    for (const reference of references) senderEdits.push({ start: reference.getStart(file.sourceFile), end: reference.end, newText: dto });
  }
  const value = nodeAt(file, site.value, ts.isExpression);
  if (!value) return undefined;
  // A handler declared `Promise<Order>` may return the order or a promise of it; `await` serves both, and a value already
  // awaited needs none.
  if (site.typeAnnotation && ts.isAwaitExpression(value)) shape = shape === 'promise' ? 'value' : shape === 'promise-array' ? 'array' : shape;
  senderEdits.push({ start: site.value.start, end: site.value.end, newText: mapped(file, value, shape, mapper) });

  const bound = topLevelNames(file.sourceFile);
  const needsType = site.typeAnnotation !== undefined;
  if (bound.has(mapper) && (bound.has(dto) || !needsType)) return fixOf(name, { [file.path]: senderEdits });
  if (bound.has(mapper) || bound.has(dto)) return undefined;

  const dtoPath = join(dirname(file.path), `${kebabCase(name)}.dto.ts`);
  const existing = model.file(dtoPath);
  if (!existing && existsSync(dtoPath)) return undefined;
  const style = importStyle(file);
  const dtoSpecifier = `./${kebabCase(name)}.dto${style.extension}`;
  const edits: Record<string, TextEdit[]> = {};
  const declared = existing ? topLevelNames(existing.sourceFile) : new Set<string>();
  if (!(declared.has(dto) && declared.has(mapper))) {
    if (declared.has(dto) || declared.has(mapper)) return undefined;
    const module = dtoModule(model, file, use.persistence.file, name, columns, style);
    if (module === undefined) return undefined;
    if (!existing) edits[dtoPath] = [{ start: 0, end: 0, newText: `${module.imports}\n${module.body}` }];
    else {
      // Appending to a DTO module: its own names must not collide with the imports the new declarations need.
      if (module.names.some((imported) => declared.has(imported))) return undefined;
      edits[dtoPath] = [importEdit(existing, module.imports.trimEnd()), { start: existing.text.length, end: existing.text.length, newText: `\n${module.body}` }];
    }
  }
  const names = needsType ? `${mapper}, type ${dto}` : mapper;
  senderEdits.push(importEdit(file, `import { ${names} } from ${style.quote}${dtoSpecifier}${style.quote};`));
  edits[file.path] = senderEdits;
  return fixOf(name, edits);
}

function fixOf(name: string, edits: Record<string, TextEdit[]>): Fix {
  return { title: `Extract contract type \`${name}Dto\``, kind: 'unsafe', edits };
}

function shapeOf(path: readonly string[]): Shape | undefined {
  const key = path.join(' ');
  if (key === '') return 'value';
  if (key === '[]') return 'array';
  if (key === 'await') return 'promise';
  if (key === 'await []') return 'promise-array';
  return undefined;
}

/** `toOrderDto(x)`, `xs.map(toOrderDto)`, `toOrderDto(await p)` (or `p.then(toOrderDto)` outside an async function). */
function mapped(file: AnalyzedFile, value: ts.Expression, shape: Shape, mapper: string): string {
  const text = file.text.slice(value.getStart(file.sourceFile), value.end);
  const operand = isOperand(value) ? text : `(${text})`;
  const inAsync = isInAsyncFunction(value);
  switch (shape) {
    case 'value':
      return `${mapper}(${text})`;
    case 'array':
      return `${operand}.map(${mapper})`;
    case 'promise':
      return inAsync ? `${mapper}(await ${text})` : `${operand}.then(${mapper})`;
    case 'promise-array':
      return inAsync ? `(await ${text}).map(${mapper})` : `${operand}.then((items) => items.map(${mapper}))`;
  }
}

/** The DTO interface and its mapper, with the imports their types need; undefined when a field type cannot be imported. */
function dtoModule(
  model: SystemModel,
  sender: AnalyzedFile,
  entityFile: string,
  name: string,
  columns: readonly PersistenceField[],
  style: ImportStyle,
): { imports: string; body: string; names: string[] } | undefined {
  const dtoDir = dirname(sender.path);
  const entitySpecifier = entityImport(model, sender, entityFile, name, style);
  if (entitySpecifier === undefined) return undefined;
  const imports = new Map<string, Set<string>>([[entitySpecifier, new Set([name])]]);
  const entity = model.file(entityFile);
  const parameter = name.charAt(0).toLowerCase() + name.slice(1);
  const fields: string[] = [];
  const values: string[] = [];
  for (const column of columns) {
    const type = column.type === '' ? 'unknown' : column.type;
    for (const reference of typeNamesIn(type)) {
      if (GLOBAL_TYPES.has(reference)) continue;
      const specifier = entity && typeImport(model, entity, reference, dtoDir, entitySpecifier, style);
      if (specifier === undefined) return undefined;
      imports.set(specifier, (imports.get(specifier) ?? new Set()).add(reference));
    }
    const date = dateColumn(type);
    fields.push(`  ${column.name}${column.optional ? '?' : ''}: ${date ? date.type : type};`);
    const read = `${parameter}.${column.name}`;
    values.push(`    ${column.name}: ${date ? date.value(read) : read},`);
  }
  const importLines = [...imports].map(([specifier, names]) => `import type { ${[...names].sort().join(', ')} } from ${style.quote}${specifier}${style.quote};\n`);
  const body = [
    `/** What consumers get of \`${name}\`: its columns, without relations. Remove what they should not see. */`,
    `export interface ${name}Dto {`,
    ...fields,
    '}',
    '',
    `export function to${name}Dto(${parameter}: ${name}): ${name}Dto {`,
    '  return {',
    ...values,
    '  };',
    '}',
    '',
  ].join('\n');
  return { imports: importLines.join(''), body, names: [...imports.values()].flatMap((names) => [...names]) };
}

/** Date columns travel as ISO strings. */
function dateColumn(type: string): { type: string; value: (read: string) => string } | undefined {
  const members = type.split('|').map((member) => member.trim());
  if (!members.includes('Date') || members.some((member) => !['Date', 'null', 'undefined'].includes(member))) return undefined;
  const nullable = members.includes('null');
  const optional = members.includes('undefined');
  return {
    type: members.map((member) => (member === 'Date' ? 'string' : member)).join(' | '),
    value: (read) => (nullable || optional ? `${read}?.toISOString()${nullable ? ' ?? null' : ''}` : `${read}.toISOString()`),
  };
}

/** How the DTO module imports the entity: as the sender does (a sibling sees the same paths), else by path or package. */
function entityImport(model: SystemModel, sender: AnalyzedFile, entityFile: string, name: string, style: ImportStyle): string | undefined {
  const binding = importBindingsOf(sender).get(name);
  if (binding && binding.imported === name) return binding.specifier;
  const senderPackage = model.packageOf(sender.path);
  const entityPackage = model.packageOf(entityFile);
  if (senderPackage?.root === entityPackage?.root) return relativeSpecifier(dirname(sender.path), entityFile, style);
  return undefined;
}

/** Where the DTO module imports a type a column uses: where the entity's module imports it from, or the entity's module itself. */
function typeImport(model: SystemModel, entity: AnalyzedFile, name: string, dtoDir: string, entitySpecifier: string, style: ImportStyle): string | undefined {
  const binding = importBindingsOf(entity).get(name);
  if (binding) {
    if (!binding.specifier.startsWith('.')) return binding.specifier;
    const target = model.resolveImport(entity.path, binding.specifier)?.file;
    return target && relativeSpecifier(dtoDir, target, style);
  }
  const declaredHere = entity.facts.exports.some((fact) => fact.name === name);
  return declaredHere ? entitySpecifier : undefined;
}

interface ImportStyle {
  quote: string;
  /** '.js' when the file's relative imports spell the extension (NodeNext ESM). */
  extension: string;
}

function importStyle(file: AnalyzedFile): ImportStyle {
  const specifiers = file.sourceFile.statements.filter(ts.isImportDeclaration).map((statement) => statement.moduleSpecifier);
  const quote = specifiers[0] ? file.text.charAt(specifiers[0].getStart(file.sourceFile)) : "'";
  const relativeOnes = specifiers.filter((s): s is ts.StringLiteral => ts.isStringLiteral(s) && s.text.startsWith('.'));
  return { quote, extension: relativeOnes.some((s) => s.text.endsWith('.js')) ? '.js' : '' };
}

function relativeSpecifier(fromDir: string, target: string, style: ImportStyle): string {
  const path = relative(fromDir, target).split('\\').join('/').replace(/\.(?:d\.)?[cm]?tsx?$/, '');
  return `${path.startsWith('.') ? path : `./${path}`}${style.extension}`;
}

/** Insert an import after the file's last import declaration (or at its top). */
function importEdit(file: AnalyzedFile, text: string): TextEdit {
  const last = file.sourceFile.statements.filter(ts.isImportDeclaration).pop();
  return last ? { start: last.end, end: last.end, newText: `\n${text}` } : { start: 0, end: 0, newText: `${text}\n` };
}

/** Names bound at the top of a module: imports and declarations. */
function topLevelNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      if (statement.importClause.name) names.add(statement.importClause.name.text);
      const bindings = statement.importClause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  return names;
}

function typeReferencesNamed(root: ts.Node, name: string): ts.TypeReferenceNode[] {
  const found: ts.TypeReferenceNode[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === name) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** The type names a type's text uses (`OrderStatus`, `Currency`), from its syntax. */
function typeNamesIn(type: string): string[] {
  const sourceFile = ts.createSourceFile('type.ts', `type T = ${type};`, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) {
      let head: ts.EntityName = node.typeName;
      while (ts.isQualifiedName(head)) head = head.left;
      names.push(head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return [...new Set(names)];
}

function isOperand(node: ts.Expression): boolean {
  return ts.isIdentifier(node) || ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isParenthesizedExpression(node) || ts.isArrayLiteralExpression(node);
}

function isInAsyncFunction(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return ts.getModifiers(current as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  }
  return false;
}

function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}
