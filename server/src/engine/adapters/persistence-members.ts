// What persistence classes are made of and how code reaches them: the columns and relations of an entity (which the
// "Extract contract type" fix copies into a DTO, columns only), and the repositories code obtains for an entity
// (`dataSource.getRepository(Order)`, `@InjectRepository(Order)`, `class OrderRepository extends Repository<Order>`).
import ts from 'typescript';
import type { PersistenceField } from '../facts/contract-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf } from '../facts/origins.js';
import { calledMethod, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { PersistenceFact } from '../facts/types.js';

/** Per library: the property decorators that map a column, and those that map a relation or an embedded object. */
const MEMBER_DECORATORS: ReadonlyArray<{ library: string; matches: (module: string) => boolean; columns: readonly string[]; relations: readonly string[] }> = [
  {
    library: 'typeorm',
    matches: (module) => module === 'typeorm',
    columns: ['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn', 'ObjectIdColumn', 'ViewColumn', 'RelationId'],
    relations: ['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany', 'TreeParent', 'TreeChildren'],
  },
  {
    library: 'mikro-orm',
    matches: (module) => module.startsWith('@mikro-orm/'),
    columns: ['Property', 'PrimaryKey', 'SerializedPrimaryKey', 'Enum', 'Formula'],
    relations: ['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany', 'Embedded'],
  },
  { library: 'mongoose', matches: (module) => module === '@nestjs/mongoose', columns: ['Prop'], relations: [] },
  {
    library: 'sequelize',
    matches: (module) => module === 'sequelize-typescript',
    columns: ['Column', 'PrimaryKey', 'ForeignKey', 'CreatedAt', 'UpdatedAt', 'DeletedAt', 'AutoIncrement'],
    relations: ['BelongsTo', 'HasMany', 'HasOne', 'BelongsToMany'],
  },
];

/** Sequelize association types in `declare` fields of a Model class (`declare posts?: NonAttribute<Post[]>`). */
const SEQUELIZE_ASSOCIATION_TYPE = /\b(?:NonAttribute|Association|ForeignKey)\s*</;

/** The mapped fields of a decorated persistence class (TypeORM, MikroORM, @nestjs/mongoose, sequelize-typescript). */
export function decoratedFields(file: FileIndex, declaration: ts.ClassLikeDeclaration, library: string): PersistenceField[] {
  const vocabulary = MEMBER_DECORATORS.find((entry) => entry.library === library);
  if (!vocabulary) return [];
  const fields: PersistenceField[] = [];
  for (const member of declaration.members) {
    if (!ts.isPropertyDeclaration(member)) continue;
    let column = false;
    let relation = false;
    for (const decorator of ts.getDecorators(member) ?? []) {
      const expression = unwrapExpression(decorator.expression);
      const origin = originOf(file, ts.isCallExpression(expression) ? expression.expression : expression);
      if (!origin || origin.path.length !== 1 || !vocabulary.matches(origin.module)) continue;
      if (vocabulary.relations.includes(origin.path[0]!)) relation = true;
      else if (vocabulary.columns.includes(origin.path[0]!)) column = true;
    }
    const field = (column || relation) && fieldOf(file, member, relation);
    if (field) fields.push(field);
  }
  return fields;
}

/** The attribute fields of a Sequelize `Model` class: its typed properties (`declare id: number`), associations marked. */
export function sequelizeClassFields(file: FileIndex, declaration: ts.ClassLikeDeclaration): PersistenceField[] {
  const fields: PersistenceField[] = [];
  for (const member of declaration.members) {
    if (!ts.isPropertyDeclaration(member) || !member.type || isStatic(member)) continue;
    const field = fieldOf(file, member, SEQUELIZE_ASSOCIATION_TYPE.test(member.type.getText(file.sourceFile)));
    if (field) fields.push(field);
  }
  return fields;
}

function fieldOf(file: FileIndex, member: ts.PropertyDeclaration, relation: boolean): PersistenceField | undefined {
  const name = staticPropertyName(member.name);
  if (name === undefined) return undefined;
  return { ...file.span(member), name, type: member.type ? member.type.getText(file.sourceFile) : '', optional: member.questionToken !== undefined, relation };
}

function isStatic(member: ts.PropertyDeclaration): boolean {
  return ts.getModifiers(member)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

const REPOSITORY_GETTERS = ['getRepository', 'getTreeRepository', 'getMongoRepository', 'getCustomRepository'];

/** Repository methods (TypeORM, MikroORM) whose result is the entity, entities, or a promise of them (or of null). */
export const ENTITY_RETURNING_METHODS: ReadonlySet<string> = new Set([
  'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'find', 'findBy', 'findAll', 'create', 'save', 'preload', 'merge', 'findOneOrNull',
]);

/** Repositories obtained in this file, named after the entity they serve. */
export function repositories(file: FileIndex): PersistenceFact[] {
  const found: PersistenceFact[] = [];
  for (const call of file.calls) {
    const method = calledMethod(call);
    if (!method || !REPOSITORY_GETTERS.includes(method.name)) continue;
    const library = ormOf(originOf(file, method.receiver)?.module);
    const entity = entityName(file, call.arguments[0]);
    if (library && entity) found.push({ ...file.span(call), kind: 'repository', library, name: entity, entity, exported: file.isExportedValue(call) });
  }
  for (const declaration of file.classes) {
    const base = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const origin = base && originOf(file, base.expression);
    const library = origin?.path.length === 1 ? ormOf(origin.module) : undefined;
    const isRepository = (library === 'typeorm' && origin!.path[0] === 'Repository') || (library === 'mikro-orm' && origin!.path[0] === 'EntityRepository');
    const entity = isRepository ? base!.typeArguments?.[0]?.getText(file.sourceFile) : undefined;
    if (library && entity) {
      const exported = ts.isClassDeclaration(declaration) ? file.isExportedDeclaration(declaration) : file.isExportedValue(declaration);
      found.push({ ...file.span(declaration), kind: 'repository', library, name: entity, entity, exported });
    }
    for (const member of declaration.members) {
      const holders: ts.Node[] = ts.isConstructorDeclaration(member) ? [...member.parameters] : ts.isPropertyDeclaration(member) ? [member] : [];
      for (const holder of holders) {
        const injected = injectedRepository(file, holder);
        if (injected) found.push(injected);
      }
    }
  }
  return found;
}

/** `@InjectRepository(Order)` (@nestjs/typeorm, @mikro-orm/nestjs) on a constructor parameter or a property. */
function injectedRepository(file: FileIndex, holder: ts.Node): PersistenceFact | undefined {
  for (const decorator of (ts.canHaveDecorators(holder) && ts.getDecorators(holder)) || []) {
    const call = unwrapExpression(decorator.expression);
    if (!ts.isCallExpression(call)) continue;
    const origin = originOf(file, call.expression);
    if (origin?.path.length !== 1 || origin.path[0] !== 'InjectRepository') continue;
    const library = origin.module === '@nestjs/typeorm' ? 'typeorm' : origin.module === '@mikro-orm/nestjs' ? 'mikro-orm' : undefined;
    const entity = entityName(file, call.arguments[0]);
    if (library && entity) return { ...file.span(call), kind: 'repository', library, name: entity, entity, exported: false };
  }
  return undefined;
}

function ormOf(module: string | undefined): string | undefined {
  if (module === 'typeorm') return 'typeorm';
  return module?.startsWith('@mikro-orm/') ? 'mikro-orm' : undefined;
}

/** `Order`, `'Order'` or `entities.Order` as written. */
function entityName(file: FileIndex, argument: ts.Expression | undefined): string | undefined {
  if (!argument) return undefined;
  const literal = stringLiteralValue(argument);
  if (literal !== undefined) return literal;
  const unwrapped = unwrapExpression(argument);
  return ts.isIdentifier(unwrapped) || ts.isPropertyAccessExpression(unwrapped) ? unwrapped.getText(file.sourceFile) : undefined;
}
