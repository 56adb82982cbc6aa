// Which database a connection reaches, as far as the workspace says: the connection string or host written in code,
// or read from the environment, resolved through the service's own deployment environment (compose/k8s) and .env files.
// shared-database compares the normalized result (engine, hosts with ports, database name) across services.
import { basename, dirname } from 'node:path';
import ts from 'typescript';
import type { EndpointSinkFact } from '../../server/src/engine/facts/types.js';
import { findDeclaration, isEnvLookup } from '../../server/src/engine/model/string-folding.js';
import type { AnalyzedFile, ServiceNode, SystemModel } from '../../server/src/engine/model/types.js';
import { nodeAt } from './http-calls.js';

export interface DatabaseLocation {
  /** `postgres://postgres:5432/shop`: what two connections must share to reach the same database. */
  key: string;
  /** `postgres:5432/shop`, for messages. */
  display: string;
  /** Where the value came from when not written in code: `DATABASE_URL, set in docker-compose.yml`. */
  source?: string;
}

interface Resolved {
  value: string;
  source?: string;
}

const UNKNOWN = '\u2026';
const DEFAULT_PORTS: Record<string, string> = { postgres: '5432', mysql: '3306', mongodb: '27017', mssql: '1433' };
const FAMILIES: Record<string, string> = {
  postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mysql2: 'mysql', mariadb: 'mysql',
  mongodb: 'mongodb', 'mongodb+srv': 'mongodb', mssql: 'mssql', sqlserver: 'mssql',
};
/** Templates document settings, they configure nothing. */
const TEMPLATE_ENV_FILE = /\.(?:example|sample|template|dist)$/;
const MAX_DEPTH = 8;

/** The database a connection sink reaches, when the workspace fixes it; undefined when any part is unknown. */
export function databaseLocationOf(model: SystemModel, file: AnalyzedFile, sink: EndpointSinkFact): DatabaseLocation | undefined {
  const service = file.service;
  if (!service) return undefined;
  const valueNode = nodeAt(file, sink.value, isExpression);
  const value = valueNode ? resolveExpression(model, file, valueNode, service, 0) : undefined;
  if (!value) return undefined;
  const url = parseConnectionUrl(value.value);
  if (url) return url.database ? locationOf(url.family, url.hosts, url.database, value.source) : undefined;
  // Split settings (`{ host, port, database }`): the host is the sink's value; port and database are its neighbours.
  if (!valueNode || !/^[a-z0-9][a-z0-9.-]*$/i.test(value.value)) return undefined;
  const options = valueNode.parent && ts.isPropertyAssignment(valueNode.parent) && ts.isObjectLiteralExpression(valueNode.parent.parent) ? valueNode.parent.parent : undefined;
  const databaseNode = options && siblingValue(options, ['database', 'dbName', 'db']);
  const database = databaseNode && resolveExpression(model, file, databaseNode, service, 0);
  const portNode = sink.port ? nodeAt(file, sink.port, isExpression) : undefined;
  const port = portNode ? resolveExpression(model, file, portNode, service, 0) : undefined;
  if (!database || (portNode && !port)) return undefined;
  const family = familyOfLibrary(sink.library);
  const host = `${value.value.toLowerCase()}:${port?.value ?? DEFAULT_PORTS[family] ?? ''}`;
  return locationOf(family, [host], database.value, value.source ?? database.source);
}

function locationOf(family: string, hosts: string[], database: string, source: string | undefined): DatabaseLocation {
  const authority = [...hosts].sort().join(',');
  const location: DatabaseLocation = { key: `${family}://${authority}/${database}`, display: `${authority}/${database}` };
  if (source) location.source = source;
  return location;
}

function parseConnectionUrl(value: string): { family: string; hosts: string[]; database?: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/?#]*)(\/[^?#]*)?/i.exec(value);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const family = FAMILIES[scheme] ?? scheme;
  const hosts = match[2]!.split(',').filter(Boolean).map((host) => {
    const lower = host.toLowerCase();
    return /:\d+$/.test(lower) ? lower : `${lower}:${DEFAULT_PORTS[family] ?? ''}`;
  });
  const database = decodeURIComponent(match[3]?.split('/')[1] ?? '');
  if (hosts.length === 0 || value.includes(UNKNOWN)) return undefined;
  return database ? { family, hosts, database } : { family, hosts };
}

function familyOfLibrary(library: string): string {
  if (library === 'mongoose' || library === 'mongodb') return 'mongodb';
  if (library === 'mysql' || library === 'mysql2') return 'mysql';
  return library === 'pg' || library === 'postgres' ? 'postgres' : library;
}

/**
 * An expression's string value where the service runs: environment lookups (`process.env.X`, and a config object's
 * `get('X')` with an UPPER_CASE key, as configuration services read the environment) take the service's environment,
 * a `??`/`||` default only when the variable is not set there, constants are followed, and the rest is folded by the model.
 */
function resolveExpression(model: SystemModel, file: AnalyzedFile, node: ts.Expression, service: ServiceNode, depth: number): Resolved | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = unwrap(node);
  const variable = envVariableRead(expression);
  if (variable) return environmentValue(model, service, variable);
  if (ts.isBinaryExpression(expression) && (expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expression.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    // A default serves local runs only: it says nothing about the deployed database, so it never decides alone.
    return resolveExpression(model, file, expression.left, service, depth + 1);
  }
  if (ts.isIdentifier(expression)) {
    const declaration = findDeclaration(expression);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isConst(declaration)) {
      return resolveExpression(model, file, declaration.initializer, service, depth + 1);
    }
  }
  if (ts.isNumericLiteral(expression)) return { value: expression.text };
  const folded = model.foldString(file.path, expression.getStart(file.sourceFile), expression.end);
  if (!folded || folded.envDefault) return undefined;
  let source: string | undefined;
  const value = folded.value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const resolved = environmentValue(model, service, name);
    source ??= resolved?.source;
    return resolved?.value ?? UNKNOWN;
  });
  if (value.includes(UNKNOWN)) return undefined;
  return source ? { value, source } : { value };
}

function envVariableRead(expression: ts.Expression): string | undefined {
  if (isEnvLookup(expression)) {
    if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
    return ts.isStringLiteralLike(expression.argumentExpression) ? expression.argumentExpression.text : undefined;
  }
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && ['get', 'getOrThrow'].includes(expression.expression.name.text)) {
    const key = expression.arguments[0];
    if (key && ts.isStringLiteralLike(key) && /^[A-Z][A-Z0-9_]*$/.test(key.text)) return key.text;
  }
  return undefined;
}

/** A variable's value where the service runs: its compose/k8s environment, then its own .env files, then the root's. */
export function environmentValue(model: SystemModel, service: ServiceNode, name: string): Resolved | undefined {
  for (const deployment of model.workspace.deployments) {
    if (deployment.name !== service.name && deployment.buildContext !== service.root) continue;
    const value = deployment.environment[name];
    if (value !== undefined && !value.includes('${')) return { value, source: `${name}, set in ${basename(deployment.file)}` };
  }
  const envFiles = Object.entries(model.workspace.envFiles).filter(([path]) => !TEMPLATE_ENV_FILE.test(path));
  const own = envFiles.filter(([path]) => path.startsWith(`${service.root}/`));
  const shared = envFiles.filter(([path]) => dirname(path) === model.root);
  for (const [path, variables] of [...own, ...shared]) {
    const value = variables[name];
    if (value !== undefined) return { value, source: `${name}, set in ${basename(path)}` };
  }
  return undefined;
}

function siblingValue(object: ts.ObjectLiteralExpression, names: readonly string[]): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && names.includes(property.name.text)) return property.initializer;
  }
  return undefined;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

function isExpression(node: ts.Node): node is ts.Expression {
  return ts.isExpression(node) || ts.isIdentifier(node);
}
