// Per-file facts extraction: index the syntax tree once, then let each adapter read the index.
// It never throws: an adapter that fails loses its own facts for this file, the others still count.
import { createHash } from 'node:crypto';
import ts from 'typescript';
import { emptyFacts, type ExtractedFacts, type FactsAdapter } from './adapter.js';
import { FileIndex } from './file-index.js';
import type { FileFacts } from './types.js';
import { modulesAdapter } from '../adapters/modules.js';
import { inboundEntrypointsAdapter } from '../adapters/inbound-entrypoints.js';
import { messageConsumersAdapter } from '../adapters/inbound-consumers.js';
import { routesAdapter } from '../adapters/routes.js';
import { httpClientsAdapter } from '../adapters/outbound-endpoints.js';
import { remoteCallsAdapter } from '../adapters/remote-calls.js';
import { brokersAdapter } from '../adapters/outbound-brokers.js';
import { databasesAdapter } from '../adapters/outbound-databases.js';
import { persistenceAdapter } from '../adapters/persistence.js';
import { messageSendsAdapter } from '../adapters/message-sends.js';
import { transactionsAdapter } from '../adapters/transactions.js';
import { retriesAdapter } from '../adapters/retries.js';
import { callGraphAdapter } from '../adapters/call-graph.js';
import { contractSitesAdapter } from '../adapters/contract-sites.js';
import { schemasAdapter } from '../adapters/schemas.js';
import { MESSAGING_ADAPTERS } from '../adapters/messaging.js';

export const FACTS_ADAPTERS: readonly FactsAdapter[] = [
  modulesAdapter,
  inboundEntrypointsAdapter,
  messageConsumersAdapter,
  routesAdapter,
  httpClientsAdapter,
  remoteCallsAdapter,
  brokersAdapter,
  databasesAdapter,
  persistenceAdapter,
  messageSendsAdapter,
  transactionsAdapter,
  retriesAdapter,
  ...MESSAGING_ADAPTERS,
  callGraphAdapter,
  contractSitesAdapter,
  schemasAdapter,
];

export interface ExtractOptions {
  /** Told about each adapter that failed on this file (its facts were dropped). */
  onAdapterError?: (adapter: string, error: unknown) => void;
  /** Adapters to run; the default is every adapter. */
  adapters?: readonly FactsAdapter[];
}

export function extractFacts(path: string, text: string, sourceFile: ts.SourceFile, options: ExtractOptions = {}): Omit<FileFacts, 'suppressions'> {
  const facts = emptyFacts();
  const result = { path, hash: contentHash(text), parseDiagnostics: countParseDiagnostics(sourceFile), ...facts };
  let file: FileIndex;
  try {
    file = new FileIndex(sourceFile, text);
  } catch (error) {
    options.onAdapterError?.('file-index', error);
    return result;
  }
  for (const adapter of options.adapters ?? FACTS_ADAPTERS) {
    const own = emptyFacts();
    try {
      adapter.extract(file, own);
    } catch (error) {
      options.onAdapterError?.(adapter.name, error);
      continue;
    }
    // A loop, not push(...list): spreading a huge list would exceed the argument limit and throw.
    for (const key of Object.keys(facts) as Array<keyof ExtractedFacts>) for (const fact of own[key]) (facts[key] as unknown[]).push(fact);
  }
  for (const key of Object.keys(facts) as Array<keyof ExtractedFacts>) facts[key].sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...result, ...facts };
}

/**
 * Parse and extract in one go, for files no program covers. TypeScript's parser recurses per nesting level and throws
 * RangeError on pathological input (about 800 nested parentheses on Node's default stack); such a file gets empty facts
 * and one parse diagnostic instead of a crash.
 */
export function extractFactsFromText(path: string, text: string, options: ExtractOptions = {}): Omit<FileFacts, 'suppressions'> {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
  } catch {
    return { path, hash: contentHash(text), parseDiagnostics: 1, ...emptyFacts() };
  }
  return extractFacts(path, text, sourceFile, options);
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function countParseDiagnostics(sourceFile: ts.SourceFile): number {
  // Library boundary: `parseDiagnostics` is internal to TypeScript's SourceFile and absent from its public typings.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: unknown }).parseDiagnostics;
  return Array.isArray(diagnostics) ? diagnostics.length : 0;
}
