// Recognises database connections (clients, pools, ORM data sources) and where their location is written.
// Shared by outbound-databases.ts (the location, for hardcoded-endpoint and shared-database (a)) and persistence.ts
// (the client itself, for shared-database and shared-library-coupling).
import ts from 'typescript';
import { endpointInArgument, objectLiteralOf, propertyValue, settingAt, type EndpointSetting } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { isFunctionLiteral, returnedExpression, unwrapExpression } from '../facts/syntax.js';

export interface DatabaseConnection {
  library: string;
  /** The call or construction that opens (or configures) the connection. */
  node: ts.CallExpression | ts.NewExpression;
  /** What the client is, for naming it ('DataSource', 'Pool', 'knex'). */
  clientName: string;
  /** Where the location is written, when it is. */
  setting?: EndpointSetting;
}

const URL_OR_HOST = { url: ['url'], host: ['host'] } as const;
const CONNECTION_STRING_OR_HOST = { url: ['connectionString'], host: ['host'] } as const;
const MYSQL_MODULES = ['mysql2', 'mysql2/promise', 'mysql'];

export function databaseConnectionOf(file: FileIndex, node: ts.CallExpression | ts.NewExpression): DatabaseConnection | undefined {
  const callee = originOf(file, node.expression);
  if (!callee) return undefined;
  const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const isNew = ts.isNewExpression(node);
  const is = (module: string | readonly string[], path: readonly string[]): boolean =>
    (typeof module === 'string' ? callee.module === module : module.includes(callee.module)) && pathEquals(callee.path, path);
  const found = (library: string, clientName: string, setting: EndpointSetting | undefined): DatabaseConnection =>
    setting ? { library, node, clientName, setting } : { library, node, clientName };

  if (isNew && is('typeorm', ['DataSource'])) return found('typeorm', 'DataSource', endpointInArgument(file, args[0], URL_OR_HOST));
  if (!isNew && is('typeorm', ['createConnection'])) return found('typeorm', 'Connection', endpointInArgument(file, args[0], URL_OR_HOST));
  if (!isNew && is('@nestjs/typeorm', ['TypeOrmModule', 'forRoot'])) return found('typeorm', 'TypeOrmModule', endpointInArgument(file, args[0], URL_OR_HOST));
  if (!isNew && is('@nestjs/typeorm', ['TypeOrmModule', 'forRootAsync'])) {
    const options = objectLiteralOf(file, factoryResult(file, args[0]));
    return found('typeorm', 'TypeOrmModule', options && endpointInArgument(file, options, URL_OR_HOST));
  }

  if (!isNew && (is('mongoose', ['connect']) || is('mongoose', ['createConnection']))) return found('mongoose', 'Connection', endpointInArgument(file, args[0], {}));
  if (!isNew && is('@nestjs/mongoose', ['MongooseModule', 'forRoot'])) return found('mongoose', 'MongooseModule', endpointInArgument(file, args[0], {}));
  if (!isNew && is('@nestjs/mongoose', ['MongooseModule', 'forRootAsync'])) {
    return found('mongoose', 'MongooseModule', endpointInArgument(file, settingAt(file, factoryResult(file, args[0]), ['uri']), {}));
  }
  if ((isNew && is('mongodb', ['MongoClient'])) || (!isNew && is('mongodb', ['MongoClient', 'connect']))) {
    return found('mongodb', 'MongoClient', endpointInArgument(file, args[0], {}));
  }

  if (isNew && isPrismaClientModule(callee.module) && pathEquals(callee.path, ['PrismaClient'])) return found('prisma', 'PrismaClient', prismaLocation(file, args[0]));

  if (isNew && callee.module === 'pg' && isPgClientPath(callee)) {
    return found('pg', callee.path[callee.path.length - 1]!, endpointInArgument(file, args[0], CONNECTION_STRING_OR_HOST));
  }
  if (!isNew && is('postgres', [])) return found('postgres', 'postgres', endpointInArgument(file, args[0], { host: ['host'] }));
  if (!isNew && (is(MYSQL_MODULES, ['createConnection']) || is(MYSQL_MODULES, ['createPool']))) {
    return found(callee.module.startsWith('mysql2') ? 'mysql2' : 'mysql', callee.path[0]!, endpointInArgument(file, args[0], { url: ['uri'], host: ['host'] }));
  }

  if (!isNew && (is('knex', []) || is('knex', ['knex']))) {
    const connection = settingAt(file, args[0], ['connection']);
    return found('knex', 'knex', endpointInArgument(file, connection, CONNECTION_STRING_OR_HOST));
  }
  if (isNew && (is('sequelize', ['Sequelize']) || is('sequelize-typescript', ['Sequelize']))) return found('sequelize', 'Sequelize', sequelizeLocation(file, args));

  if (!isNew && callee.module.startsWith('drizzle-orm/') && pathEquals(callee.path, ['drizzle'])) return found('drizzle', 'drizzle', drizzleLocation(file, args[0]));
  return undefined;
}

/**
 * Prisma generates its client into `@prisma/client` by default, or into a configured `output` folder
 * (`./generated/prisma`, `../prisma/client`): any specifier with a `prisma` path segment is taken as that client.
 */
export function isPrismaClientModule(specifier: string): boolean {
  return specifier === '@prisma/client' || specifier.startsWith('@prisma/client/') || /(^|\/)\.?prisma(\/|$)/.test(specifier);
}

function isPgClientPath(origin: ValueOrigin): boolean {
  return pathEquals(origin.path, ['Pool']) || pathEquals(origin.path, ['Client']) || pathEquals(origin.path, ['native', 'Pool']) || pathEquals(origin.path, ['native', 'Client']);
}

/** new PrismaClient({ datasourceUrl }) or new PrismaClient({ datasources: { db: { url } } }) (any datasource name). */
function prismaLocation(file: FileIndex, options: ts.Expression | undefined): EndpointSetting | undefined {
  const object = objectLiteralOf(file, options);
  if (!object) return undefined;
  const direct = propertyValue(file, object, 'datasourceUrl');
  if (direct) return { value: direct };
  const datasources = objectLiteralOf(file, propertyValue(file, object, 'datasources'));
  for (const property of datasources?.properties ?? []) {
    if (!ts.isPropertyAssignment(property)) continue;
    const url = settingAt(file, property.initializer, ['url']);
    if (url) return { value: url };
  }
  return undefined;
}

/** new Sequelize(uri, options?) | new Sequelize(database, user, password, { host, port }) | new Sequelize({ host, port }). */
function sequelizeLocation(file: FileIndex, args: ts.NodeArray<ts.Expression>): EndpointSetting | undefined {
  const first = args[0];
  if (!first) return undefined;
  if (objectLiteralOf(file, first)) return endpointInArgument(file, first, URL_OR_HOST);
  if (args.length <= 2) return endpointInArgument(file, first, {});
  const options = [...args].reverse().find((argument) => objectLiteralOf(file, argument));
  return options ? endpointInArgument(file, options, { host: ['host'] }) : undefined;
}

/**
 * drizzle(url) | drizzle({ connection: url | { connectionString | url | host } }) | drizzle(client): a client built
 * elsewhere (a Pool, postgres()) is its own sink, so only written locations count here.
 */
function drizzleLocation(file: FileIndex, argument: ts.Expression | undefined): EndpointSetting | undefined {
  if (!argument) return undefined;
  const options = objectLiteralOf(file, argument);
  if (options) {
    const connection = propertyValue(file, options, 'connection');
    return connection ? endpointInArgument(file, connection, { url: ['connectionString', 'url', 'uri'], host: ['host'] }) : undefined;
  }
  if (originOf(file, argument) || isLocalConstruction(file, argument)) return undefined;
  return { value: argument };
}

/** The object a `useFactory` returns in Nest's forRootAsync({ useFactory: () => ({ … }) }). */
function factoryResult(file: FileIndex, options: ts.Expression | undefined): ts.Expression | undefined {
  const factory = settingAt(file, options, ['useFactory']);
  const fn = factory && unwrapExpression(factory);
  return fn && isFunctionLiteral(fn) ? returnedExpression(fn) : undefined;
}

function isLocalConstruction(file: FileIndex, expression: ts.Expression): boolean {
  const unwrapped = unwrapExpression(expression);
  if (!ts.isIdentifier(unwrapped)) return ts.isNewExpression(unwrapped);
  const declaration = file.lookup(unwrapped)?.node;
  if (!declaration) return false;
  if (ts.isParameter(declaration)) return true;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const initializer = unwrapExpression(declaration.initializer);
  return ts.isNewExpression(initializer) || ts.isCallExpression(initializer) && originOf(file, initializer) !== undefined;
}
