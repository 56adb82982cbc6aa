// The registry. Every rule in rules/ is listed here; registry.test.ts checks that ids, file names and docs agree.
import type { Rule, RuleMeta } from '../server/src/engine/rule-api.js';
import breakingContractChange from './breaking-contract-change.js';
import crossServiceImport from './cross-service-import.js';
import cyclicServiceDependency from './cyclic-service-dependency.js';
import hardcodedEndpoint from './hardcoded-endpoint.js';
import leakedInternalType from './leaked-internal-type.js';
import looseContractType from './loose-contract-type.js';
import missingDeadLetterQueue from './missing-dead-letter-queue.js';
import missingRetryLimit from './missing-retry-limit.js';
import missingTimeout from './missing-timeout.js';
import remoteCallInLoop from './remote-call-in-loop.js';
import remoteCallInTransaction from './remote-call-in-transaction.js';
import sequentialRemoteCalls from './sequential-remote-calls.js';
import sharedDatabase from './shared-database.js';
import sharedLibraryCoupling from './shared-library-coupling.js';
import strictConsumerSchema from './strict-consumer-schema.js';
import suppressionNeedsReason from './suppression-needs-reason.js';
import syncCallChain from './sync-call-chain.js';
import uncheckedResponseStatus from './unchecked-response-status.js';
import unboundedRetry from './unbounded-retry.js';
import unusedSuppression from './unused-suppression.js';
import unversionedApi from './unversioned-api.js';

/** Rules that check code. */
export const lintRules: Rule[] = [crossServiceImport, sharedLibraryCoupling, hardcodedEndpoint, syncCallChain, cyclicServiceDependency, sequentialRemoteCalls, remoteCallInLoop, remoteCallInTransaction, missingTimeout, uncheckedResponseStatus, unboundedRetry, sharedDatabase, unversionedApi, breakingContractChange, missingRetryLimit, missingDeadLetterQueue, leakedInternalType, looseContractType, strictConsumerSchema] as Rule[];

/** Rules the report layer reports while applying suppressions. */
export const engineRules: RuleMeta[] = [suppressionNeedsReason, unusedSuppression];

export const allRules: RuleMeta[] = [...lintRules, ...engineRules].sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): RuleMeta | undefined {
  return allRules.find((rule) => rule.id === id);
}
