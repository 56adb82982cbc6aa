// Retries a library performs for the code, and how they are bounded: retry helpers (p-retry, async-retry, axios-retry,
// cockatiel, exponential-backoff) here, broker redelivery settings (BullMQ/Bull job attempts, NATS max_deliver) in
// retry-redelivery.ts. Helpers are recognised by where the called function is imported from (originOf), never by its name:
// cockatiel's `retry` and async-retry's default export are both commonly called `retry`.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals } from '../facts/origins.js';
import type { RetryBoundEdit, RetryFact } from '../facts/retry-types.js';
import { isFunctionLiteral, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { booleanValue, countBound, isEndless, numericValue, optionsArgument, readOption, type CountBound, type OptionsArgument } from './retry-bounds.js';
import { redeliveryRetries } from './retry-redelivery.js';

/** How one helper library takes its options and what bounds it. */
interface RetryHelper {
  library: string;
  /** Export paths of its retrying functions (`[]` is the module's default export). */
  exports: ReadonlyArray<readonly string[]>;
  /** The option that bounds the number of retries. */
  option: string;
  /** The first argument is the function retried (not a client or policy). */
  retriesFirstArgument: boolean;
  judge(file: FileIndex, options: OptionsArgument, call: ts.CallExpression): CountBound;
}

const HELPERS: readonly RetryHelper[] = [
  // p-retry 7 rejects `forever` at runtime, but earlier majors honour it: both it and `retries: Infinity` mean "never stop".
  { library: 'p-retry', exports: [[], ['makeRetriable']], option: 'retries', retriesFirstArgument: true, judge: retriesOrForever },
  // async-retry hands its options to `retry`, which also treats `forever: true` and `retries: Infinity` alike.
  { library: 'async-retry', exports: [[]], option: 'retries', retriesFirstArgument: true, judge: retriesOrForever },
  { library: 'axios-retry', exports: [[]], option: 'retries', retriesFirstArgument: false, judge: (file, options) => countOption(file, options, 'retries') },
  // cockatiel: `maxAttempts` defaults to Infinity, so leaving it out retries forever.
  { library: 'cockatiel', exports: [['retry']], option: 'maxAttempts', retriesFirstArgument: false, judge: cockatielAttempts },
  { library: 'exponential-backoff', exports: [['backOff']], option: 'numOfAttempts', retriesFirstArgument: true, judge: (file, options) => countOption(file, options, 'numOfAttempts') },
];

export const retriesAdapter: FactsAdapter = {
  name: 'retries',
  extract(file, facts) {
    for (const call of file.calls) {
      const helper = helperCall(file, call);
      if (helper) facts.retries.push(helper);
      else for (const fact of redeliveryRetries(file, call)) facts.retries.push(fact);
    }
    for (const construction of file.constructions) for (const fact of redeliveryRetries(file, construction)) facts.retries.push(fact);
    if (importsAxios(file)) {
      for (const object of file.objectLiterals) {
        const fact = perRequestAxiosRetry(file, object);
        if (fact) facts.retries.push(fact);
      }
    }
  },
};

function helperCall(file: FileIndex, call: ts.CallExpression): RetryFact | undefined {
  const origin = originOf(file, call.expression);
  if (!origin) return undefined;
  const helper = HELPERS.find((candidate) => candidate.library === origin.module && candidate.exports.some((path) => pathEquals(origin.path, path)));
  if (!helper) return undefined;
  // Every helper takes its options as the second argument (the function or client to retry comes first).
  const judged = helper.judge(file, optionsArgument(file, call.arguments[1]), call);
  const fact: RetryFact = { ...file.span(call), library: helper.library, subject: 'call', option: helper.option, ...judged };
  const retried = helper.retriesFirstArgument ? call.arguments[0] : undefined;
  if (retried && !isFunctionLiteral(unwrapExpression(retried))) fact.retried = file.span(retried);
  return fact;
}

/** p-retry / async-retry: `forever: true` or an endless `retries`, unless a finite `maxRetryTime` stops it anyway. */
function retriesOrForever(file: FileIndex, options: OptionsArgument): CountBound {
  if (options.kind !== 'object') return { bound: options.kind === 'none' ? 'finite' : 'unknown' };
  const object = options.object;
  const timeLimit = readOption(file, object, 'maxRetryTime');
  const timeLimitMs = typeof timeLimit === 'object' ? numericValue(file, timeLimit.value) : undefined;
  // A finite time budget ends the retrying whatever the count says: the failure surfaces after it.
  if (timeLimitMs !== undefined && Number.isFinite(timeLimitMs)) return { bound: 'finite' };
  const timeLimitUnreadable = timeLimit === 'unknown' || (typeof timeLimit === 'object' && timeLimitMs === undefined);

  const forever = readOption(file, object, 'forever');
  const retries = readOption(file, object, 'retries');
  const foreverValue = typeof forever === 'object' ? booleanValue(file, forever.value) : undefined;
  let judged: CountBound;
  if (typeof forever === 'object' && foreverValue === true) {
    judged = { bound: 'infinite', optionSpan: file.span(forever.property) };
    const fix = foreverFix(file, forever.property, retries);
    if (fix) judged.fix = fix;
  } else {
    judged = retries === 'absent' ? { bound: 'finite' } : retries === 'unknown' ? { bound: 'unknown' } : countBound(file, retries, 'retries', isEndless);
    const foreverUnreadable = forever === 'unknown' || (typeof forever === 'object' && foreverValue === undefined);
    if (judged.bound === 'finite' && foreverUnreadable) judged = { bound: 'unknown' };
  }
  return judged.bound === 'infinite' && timeLimitUnreadable ? { bound: 'unknown' } : judged;
}

/**
 * `forever: true` → `retries: N`. With a `retries` next to it (which `forever` overrides), drop `forever` instead, and make
 * that `retries` finite when it is endless too; no fix when it cannot be read.
 */
function foreverFix(file: FileIndex, forever: ts.ObjectLiteralElementLike, retries: ReturnType<typeof readOption>): RetryBoundEdit[] | undefined {
  if (retries === 'absent') return [{ kind: 'write-option', span: file.span(forever), option: 'retries' }];
  if (retries === 'unknown') return undefined;
  const count = countBound(file, retries, 'retries', isEndless);
  if (count.bound === 'unknown') return undefined;
  return [{ kind: 'remove-property', span: file.span(forever) }, ...(count.fix ?? [])];
}

/** A count option whose absence means the library's finite default (axios-retry: 3, exponential-backoff: 10). */
function countOption(file: FileIndex, options: OptionsArgument, option: string): CountBound {
  if (options.kind !== 'object') return { bound: options.kind === 'none' ? 'finite' : 'unknown' };
  const written = readOption(file, options.object, option);
  if (written === 'absent') return { bound: 'finite' };
  if (written === 'unknown') return { bound: 'unknown' };
  return countBound(file, written, option, isEndless);
}

/** cockatiel `retry(policy, { maxAttempts, backoff })`: no `maxAttempts` retries forever; the fix adds one. */
function cockatielAttempts(file: FileIndex, options: OptionsArgument, call: ts.CallExpression): CountBound {
  if (options.kind === 'unknown') return { bound: 'unknown' };
  if (options.kind === 'none') {
    // `retry(handleAll)`: pass the options; an explicit `undefined` argument is left for a person to replace.
    const fix: RetryBoundEdit[] | undefined =
      call.arguments.length <= 1 ? [{ kind: 'add-option', slot: { call: file.span(call), argumentIndex: 1 }, option: 'maxAttempts' }] : undefined;
    return fix ? { bound: 'missing', fix } : { bound: 'missing' };
  }
  const written = readOption(file, options.object, 'maxAttempts');
  if (written === 'unknown') return { bound: 'unknown' };
  if (written === 'absent') return { bound: 'missing', fix: [{ kind: 'add-option', slot: { object: file.span(options.object) }, option: 'maxAttempts' }] };
  return countBound(file, written, 'maxAttempts', isEndless);
}

/**
 * axios-retry's per-request settings: `axios.get(url, { 'axios-retry': { retries } })`. The key is the library's own
 * (declared by its module augmentation of axios' config), and only files that use axios are read.
 */
function perRequestAxiosRetry(file: FileIndex, object: ts.ObjectLiteralExpression): RetryFact | undefined {
  const property = object.properties.find((p) => ts.isPropertyAssignment(p) && staticPropertyName(p.name) === 'axios-retry');
  if (!property || !ts.isPropertyAssignment(property)) return undefined;
  const judged = countOption(file, optionsArgument(file, property.initializer), 'retries');
  return { ...file.span(property), library: 'axios-retry', subject: 'call', option: 'retries', ...judged };
}

function importsAxios(file: FileIndex): boolean {
  return file.sourceFile.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement)) return false;
    const specifier = stringLiteralValue(statement.moduleSpecifier);
    return specifier === 'axios' || specifier === 'axios-retry';
  }) || file.calls.some((call) => ts.isIdentifier(call.expression) && call.expression.text === 'require' && ['axios', 'axios-retry'].includes(stringLiteralValue(call.arguments[0]) ?? ''));
}
