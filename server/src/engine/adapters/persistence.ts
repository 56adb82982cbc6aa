// Persistence models and database clients: what maps to storage, under which table/collection name, and whether
// the module exports it. shared-database compares tables across services; shared-library-coupling and
// leaked-internal-type need to know which libraries carry persistence.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { PersistenceFact } from '../facts/types.js';
import { databaseConnectionOf } from './database-clients.js';
import { decoratedFields, repositories, sequelizeClassFields } from './persistence-members.js';
import { mikroOrmTableName, mongooseCollectionName, sequelizeTableName, typeormTableName } from './table-names.js';

const DRIZZLE_TABLE_FACTORIES = ['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'gelTable'];
const DRIZZLE_SCHEMA_FACTORIES = ['pgSchema', 'mysqlSchema'];
const SEQUELIZE_MODULES = ['sequelize', 'sequelize-typescript'];

export const persistenceAdapter: FactsAdapter = {
  name: 'persistence',
  extract(file, facts) {
    for (const declaration of file.classes) {
      const fact = decoratedModel(file, declaration) ?? sequelizeModelClass(file, declaration);
      if (fact) facts.persistence.push(fact);
    }
    for (const call of file.calls) {
      const fact = mongooseModel(file, call) ?? nestMongooseSchema(file, call) ?? sequelizeDefine(file, call) ?? drizzleTable(file, call) ?? client(file, call);
      if (fact) facts.persistence.push(fact);
    }
    for (const construction of file.constructions) {
      const fact = mongooseSchema(file, construction) ?? client(file, construction);
      if (fact) facts.persistence.push(fact);
    }
    facts.persistence.push(...repositories(file));
  },
};

/** @Entity (TypeORM, MikroORM), @Schema (@nestjs/mongoose), @Table (sequelize-typescript) classes. */
function decoratedModel(file: FileIndex, declaration: ts.ClassLikeDeclaration): PersistenceFact | undefined {
  const className = declaration.name?.text ?? 'default';
  for (const decorator of ts.canHaveDecorators(declaration) ? (ts.getDecorators(declaration) ?? []) : []) {
    const expression = unwrapExpression(decorator.expression);
    const call = ts.isCallExpression(expression) ? expression : undefined;
    const origin = originOf(file, call ? call.expression : expression);
    if (!origin || origin.path.length !== 1) continue;
    const args = call?.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const model = (kind: PersistenceFact['kind'], library: string, table: string | undefined): PersistenceFact => {
      const fact: PersistenceFact = { ...file.span(declaration), kind, library, name: className, exported: isExportedClass(file, declaration) };
      if (table !== undefined) fact.table = table;
      const fields = decoratedFields(file, declaration, library);
      if (fields.length > 0) fact.fields = fields;
      return fact;
    };
    const [name] = origin.path;
    if (origin.module === 'typeorm' && name === 'Entity') {
      const explicit = stringLiteralValue(args[0]) ?? optionString(file, args[0], 'name');
      return model('entity', 'typeorm', explicit ?? (declaration.name ? typeormTableName(className) : undefined));
    }
    if (origin.module.startsWith('@mikro-orm/') && name === 'Entity') {
      const explicit = optionString(file, args[0], 'tableName') ?? optionString(file, args[0], 'collection');
      return model('entity', 'mikro-orm', explicit ?? (declaration.name ? mikroOrmTableName(className) : undefined));
    }
    if (origin.module === '@nestjs/mongoose' && name === 'Schema') {
      // MongooseModule.forFeature registers the model under the class name: its default collection follows from it.
      return model('schema', 'mongoose', optionString(file, args[0], 'collection') ?? (declaration.name ? mongooseCollectionName(className) : undefined));
    }
    if (origin.module === 'sequelize-typescript' && name === 'Table') {
      return model('model', 'sequelize', sequelizeTable(file, args[0], className));
    }
  }
  return undefined;
}

/** `class User extends Model {}` from sequelize, with the table from `User.init(attributes, { tableName })` when present. */
function sequelizeModelClass(file: FileIndex, declaration: ts.ClassLikeDeclaration): PersistenceFact | undefined {
  const base = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const origin = base && originOf(file, base.expression);
  if (origin?.module !== 'sequelize' || !pathEquals(origin.path, ['Model']) || !declaration.name) return undefined;
  const className = declaration.name.text;
  const init = file.calls.find((call) => {
    const method = calledMethod(call);
    const receiver = method && unwrapExpression(method.receiver);
    return method?.name === 'init' && receiver !== undefined && ts.isIdentifier(receiver) && receiver.text === className;
  });
  const fact: PersistenceFact = { ...file.span(declaration), kind: 'model', library: 'sequelize', name: className, exported: isExportedClass(file, declaration) };
  const fields = sequelizeClassFields(file, declaration);
  if (fields.length > 0) fact.fields = fields;
  return withTable(fact, sequelizeTable(file, init?.arguments[1], className));
}

/** `model('User', schema, 'collection')` on mongoose or on a connection from `createConnection()`. */
function mongooseModel(file: FileIndex, call: ts.CallExpression): PersistenceFact | undefined {
  const origin = originOf(file, call.expression);
  if (origin?.module !== 'mongoose' || !isMongooseModelFactory(origin)) return undefined;
  const nameArgument = call.arguments[0];
  if (!nameArgument) return undefined;
  const name = stringLiteralValue(nameArgument);
  const explicit = stringLiteralValue(call.arguments[2]) ?? optionString(file, call.arguments[2], 'collection') ?? schemaCollection(file, call.arguments[1]);
  const table = explicit ?? (name !== undefined ? mongooseCollectionName(name) : undefined);
  return withTable({ ...file.span(call), kind: 'model', library: 'mongoose', name: name ?? nameArgument.getText(file.sourceFile), exported: file.isExportedValue(call) }, table);
}

function isMongooseModelFactory(origin: ValueOrigin): boolean {
  const path = origin.path;
  return (
    pathEquals(path, ['model']) ||
    pathEquals(path, ['connection', 'model']) ||
    pathEquals(path, ['createConnection', '()', 'model']) ||
    pathEquals(path, ['Connection', 'new', 'model']) ||
    pathEquals(path, ['createConnection', '()', 'useDb', '()', 'model'])
  );
}

/** `new Schema(definition, { collection })`: a schema, with its collection when it names one. */
function mongooseSchema(file: FileIndex, construction: ts.NewExpression): PersistenceFact | undefined {
  const origin = originOf(file, construction.expression);
  if (origin?.module !== 'mongoose' || !pathEquals(origin.path, ['Schema'])) return undefined;
  const name = file.assignedVariable(construction)?.name.getText(file.sourceFile) ?? 'Schema';
  const table = optionString(file, construction.arguments?.[1], 'collection');
  return withTable({ ...file.span(construction), kind: 'schema', library: 'mongoose', name, exported: file.isExportedValue(construction) }, table);
}

/** `SchemaFactory.createForClass(Cat)`: the schema of a @Schema class (the class carries the collection name). */
function nestMongooseSchema(file: FileIndex, call: ts.CallExpression): PersistenceFact | undefined {
  const origin = originOf(file, call.expression);
  if (origin?.module !== '@nestjs/mongoose' || !pathEquals(origin.path, ['SchemaFactory', 'createForClass'])) return undefined;
  const name = file.assignedVariable(call)?.name.getText(file.sourceFile) ?? call.arguments[0]?.getText(file.sourceFile) ?? 'Schema';
  return { ...file.span(call), kind: 'schema', library: 'mongoose', name, exported: file.isExportedValue(call) };
}

/** `sequelize.define('user', attributes, { tableName })` on an instance of Sequelize. */
function sequelizeDefine(file: FileIndex, call: ts.CallExpression): PersistenceFact | undefined {
  const method = calledMethod(call);
  if (method?.name !== 'define') return undefined;
  const receiver = originOf(file, method.receiver);
  if (!receiver || !SEQUELIZE_MODULES.includes(receiver.module) || !pathEquals(receiver.path, ['Sequelize', 'new'])) return undefined;
  const nameArgument = call.arguments[0];
  if (!nameArgument) return undefined;
  const name = stringLiteralValue(nameArgument);
  const table = name !== undefined ? sequelizeTable(file, call.arguments[2], name) : optionString(file, call.arguments[2], 'tableName');
  return withTable({ ...file.span(call), kind: 'model', library: 'sequelize', name: name ?? nameArgument.getText(file.sourceFile), exported: file.isExportedValue(call) }, table);
}

/** drizzle `pgTable('orders', columns)` (and mysql/sqlite), also `pgSchema('shop').table('orders', columns)`. */
function drizzleTable(file: FileIndex, call: ts.CallExpression): PersistenceFact | undefined {
  const origin = originOf(file, call.expression);
  if (!origin?.module.startsWith('drizzle-orm/')) return undefined;
  const path = origin.path;
  const isTable =
    (path.length === 1 && DRIZZLE_TABLE_FACTORIES.includes(path[0]!)) ||
    (path.length === 3 && DRIZZLE_SCHEMA_FACTORIES.includes(path[0]!) && path[1] === '()' && path[2] === 'table');
  if (!isTable) return undefined;
  const table = stringLiteralValue(call.arguments[0]);
  const name = file.assignedVariable(call)?.name.getText(file.sourceFile) ?? table ?? 'table';
  return withTable({ ...file.span(call), kind: 'table', library: 'drizzle', name, exported: file.isExportedValue(call) }, table);
}

/** Database clients: new PrismaClient(), new DataSource(), mongoose.connect(), new Pool(), knex(), new Sequelize(), MikroORM.init(), … */
function client(file: FileIndex, node: ts.CallExpression | ts.NewExpression): PersistenceFact | undefined {
  const connection = databaseConnectionOf(file, node) ?? mikroOrmInit(file, node);
  if (!connection) return undefined;
  const name = file.assignedVariable(node)?.name.getText(file.sourceFile) ?? connection.clientName;
  return { ...file.span(node), kind: 'client', library: connection.library, name, exported: file.isExportedValue(node) };
}

/** `MikroORM.init(options)` (@mikro-orm/core and the driver packages): the ORM instance holds the connection. */
function mikroOrmInit(file: FileIndex, node: ts.CallExpression | ts.NewExpression): { library: string; clientName: string } | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const origin = originOf(file, node.expression);
  return origin?.module.startsWith('@mikro-orm/') && pathEquals(origin.path, ['MikroORM', 'init']) ? { library: 'mikro-orm', clientName: 'MikroORM' } : undefined;
}

/** Sequelize's table name from model options: `tableName`, else the model name, pluralized unless `freezeTableName`. */
function sequelizeTable(file: FileIndex, options: ts.Expression | undefined, modelName: string): string | undefined {
  const explicit = optionString(file, options, 'tableName');
  if (explicit !== undefined) return explicit;
  const object = objectLiteralOf(file, options);
  const name = (object && stringLiteralValue(propertyValue(file, object, 'modelName'))) ?? modelName;
  const frozen = object !== undefined && propertyValue(file, object, 'freezeTableName')?.kind === ts.SyntaxKind.TrueKeyword;
  return frozen ? name : sequelizeTableName(name);
}

/** The collection named by the options of a local `new Schema(definition, { collection })` passed to model(). */
function schemaCollection(file: FileIndex, schema: ts.Expression | undefined): string | undefined {
  const unwrapped = schema && unwrapExpression(schema);
  if (!unwrapped || !ts.isIdentifier(unwrapped)) return undefined;
  const declaration = file.lookup(unwrapped)?.node;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const initializer = unwrapExpression(declaration.initializer);
  return ts.isNewExpression(initializer) ? optionString(file, initializer.arguments?.[1], 'collection') : undefined;
}

function optionString(file: FileIndex, options: ts.Expression | undefined, key: string): string | undefined {
  const object = objectLiteralOf(file, options);
  return object ? stringLiteralValue(propertyValue(file, object, key)) : undefined;
}

function isExportedClass(file: FileIndex, declaration: ts.ClassLikeDeclaration): boolean {
  return ts.isClassDeclaration(declaration) ? file.isExportedDeclaration(declaration) : file.isExportedValue(declaration);
}

function withTable(fact: PersistenceFact, table: string | undefined): PersistenceFact {
  if (table !== undefined) fact.table = table;
  return fact;
}

