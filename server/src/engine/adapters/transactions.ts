// Database transactions and the code that runs inside them: a callback (`dataSource.transaction(async (m) => …)`,
// `prisma.$transaction(async (tx) => …)`, `session.withTransaction(…)`), or the statements between a start and its commit
// (`queryRunner.startTransaction()` … `commitTransaction()`, `const t = await sequelize.transaction()` … `t.commit()`).
// The database client is recognised by where it comes from (originOf), or by the library type of the callback's parameter.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, isFunctionLiteral, unwrapExpression } from '../facts/syntax.js';
import type { Span, TransactionFact } from '../facts/types.js';

const SEQUELIZE_MODULES = ['sequelize', 'sequelize-typescript'];
const MONGO_MODULES = ['mongoose', 'mongodb'];

export const transactionsAdapter: FactsAdapter = {
  name: 'transactions',
  extract(file, facts) {
    for (const call of file.calls) {
      const fact = callbackTransaction(file, call) ?? startedTransaction(file, call);
      if (fact) facts.transactions.push(fact);
    }
  },
};

/** `client.transaction(…, async (tx) => { … })`: the callback's body runs inside the transaction. */
function callbackTransaction(file: FileIndex, call: ts.CallExpression): TransactionFact | undefined {
  const method = calledMethod(call);
  if (!method || !['transaction', '$transaction', 'withTransaction'].includes(method.name)) return undefined;
  // TypeORM and Sequelize take options or an isolation level first, knex and Prisma take options after the callback.
  const callback = call.arguments.find((argument) => isFunctionLiteral(unwrapExpression(argument)));
  if (!callback) return undefined;
  const fn = unwrapExpression(callback) as ts.ArrowFunction | ts.FunctionExpression;
  const library = callbackLibrary(method.name, originOf(file, method.receiver)) ?? callbackLibrary(method.name, parameterTypeOrigin(file, fn));
  return library ? { ...file.span(call), library, body: file.span(fn.body) } : undefined;
}

function callbackLibrary(method: string, origin: ValueOrigin | undefined): string | undefined {
  if (!origin) return undefined;
  const { module, path } = origin;
  // Prisma's client is generated (`@prisma/client`, or a configured output such as `./generated/prisma`), and usually
  // wrapped (`PrismaService` in './prisma.service'): any module path naming prisma, with the unmistakable `$transaction`.
  if (method === '$transaction') return module.toLowerCase().includes('prisma') ? 'prisma' : undefined;
  if (method === 'withTransaction') return MONGO_MODULES.includes(module) && isMongoSession(path) ? module : undefined;
  if (module === 'typeorm') return 'typeorm';
  if (SEQUELIZE_MODULES.includes(module)) return 'sequelize';
  if (module === 'knex') return 'knex';
  if (module === 'drizzle-orm' || module.startsWith('drizzle-orm/')) return 'drizzle';
  // mongoose `connection.transaction(fn)` (mongoose ≥ 5.10) wraps withTransaction.
  if (module === 'mongoose') return 'mongoose';
  return undefined;
}

/** The library type of the callback's first parameter: `async (manager: EntityManager) => …`, `(trx: Knex.Transaction) => …`. */
function parameterTypeOrigin(file: FileIndex, fn: ts.ArrowFunction | ts.FunctionExpression): ValueOrigin | undefined {
  const parameter = fn.parameters[0];
  if (!parameter?.type || !ts.isIdentifier(parameter.name)) return undefined;
  return originOf(file, parameter.name);
}

function isMongoSession(path: readonly string[]): boolean {
  return path.includes('startSession') || pathEquals(path, ['ClientSession', 'new']);
}

/** What starts a transaction without a callback, and how its end is written. */
interface TransactionStart {
  library: string;
  /** The expression the commit is called on. */
  handle: ts.Expression;
  commitMethod: string;
}

/** `queryRunner.startTransaction()`, `session.startTransaction()`, `const t = await sequelize.transaction()`: until the commit. */
function startedTransaction(file: FileIndex, call: ts.CallExpression): TransactionFact | undefined {
  const start = transactionStart(file, call);
  if (!start) return undefined;
  const statement = enclosingStatement(file, call);
  if (!statement) return undefined;
  const commit = commitAfter(file, statement, start);
  const end = commit ? commit.getStart(file.sourceFile) : enclosingBodyEnd(file, statement);
  const body: Span = { start: statement.end, end: Math.max(statement.end, end) };
  return { ...file.span(statement), library: start.library, body };
}

function transactionStart(file: FileIndex, call: ts.CallExpression): TransactionStart | undefined {
  const method = calledMethod(call);
  if (!method) return undefined;
  if (method.name === 'startTransaction') {
    const origin = originOf(file, method.receiver);
    if (origin?.module === 'typeorm' && (origin.path.includes('createQueryRunner') || pathEquals(origin.path, ['QueryRunner', 'new']))) {
      return { library: 'typeorm', handle: method.receiver, commitMethod: 'commitTransaction' };
    }
    if (origin && MONGO_MODULES.includes(origin.module) && isMongoSession(origin.path)) {
      return { library: origin.module, handle: method.receiver, commitMethod: 'commitTransaction' };
    }
    return undefined;
  }
  // Unmanaged Sequelize and knex transactions: the call without a callback yields the transaction object.
  if (method.name !== 'transaction' || call.arguments.some((argument) => isFunctionLiteral(unwrapExpression(argument)))) return undefined;
  const origin = originOf(file, method.receiver);
  const library = origin && SEQUELIZE_MODULES.includes(origin.module) ? 'sequelize' : origin?.module === 'knex' ? 'knex' : undefined;
  const variable = library ? file.assignedVariable(call) : undefined;
  if (!library || !variable || !ts.isIdentifier(variable.name)) return undefined;
  return { library, handle: variable.name, commitMethod: 'commit' };
}

/** The first `<handle>.<commitMethod>()` after the start, in the same function. */
function commitAfter(file: FileIndex, startStatement: ts.Statement, start: TransactionStart): ts.Statement | undefined {
  const scope = enclosingFunction(file, startStatement);
  for (const call of file.calls) {
    if (call.pos < startStatement.end || call.end > scope.end) continue;
    const method = calledMethod(call);
    if (method?.name !== start.commitMethod || !sameValue(file, method.receiver, start.handle)) continue;
    if (enclosingFunction(file, call) !== scope) continue;
    return enclosingStatement(file, call);
  }
  return undefined;
}

/** The same variable (by declaration) or the same member access (`this.queryRunner`), written twice. */
function sameValue(file: FileIndex, a: ts.Expression, b: ts.Expression): boolean {
  const left = unwrapExpression(a);
  const right = unwrapExpression(b);
  if (ts.isIdentifier(left) && ts.isIdentifier(right)) {
    const declaration = file.lookup(left);
    return left.text === right.text && declaration !== undefined && declaration === file.lookup(right);
  }
  return left.getText(file.sourceFile).replace(/\s+/g, '') === right.getText(file.sourceFile).replace(/\s+/g, '');
}

function enclosingStatement(file: FileIndex, node: ts.Node): ts.Statement | undefined {
  for (let current = file.parentOf(node); current; current = file.parentOf(current)) {
    if (isStatement(current)) return current;
    if (ts.isFunctionLike(current)) return undefined;
  }
  return undefined;
}

function isStatement(node: ts.Node): node is ts.Statement {
  return ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node);
}

function enclosingFunction(file: FileIndex, node: ts.Node): ts.Node {
  return file.ancestor(node, (n): n is ts.Node => ts.isFunctionLike(n) || ts.isSourceFile(n)) ?? file.sourceFile;
}

/** No commit found (it may be in a helper): the transaction is taken to last until the end of the enclosing body. */
function enclosingBodyEnd(file: FileIndex, statement: ts.Statement): number {
  const scope = enclosingFunction(file, statement);
  if (ts.isSourceFile(scope)) return scope.end;
  const body = (scope as ts.FunctionLikeDeclaration).body;
  // A block body ends with its closing brace, which is not code that runs.
  return body ? (ts.isBlock(body) ? body.end - 1 : body.end) : scope.end;
}
