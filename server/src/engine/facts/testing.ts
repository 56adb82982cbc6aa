// Test support: extract facts from a snippet, failing loudly when an adapter throws (in production it is only dropped).
import ts from 'typescript';
import { extractFacts } from './extract.js';
import type { FileFacts, Span } from './types.js';

export function factsOf(text: string, path = '/w/services/app/src/file.ts'): Omit<FileFacts, 'suppressions'> {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const failures: string[] = [];
  const facts = extractFacts(path, text, sourceFile, {
    onAdapterError: (adapter, error) => failures.push(`${adapter}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  if (failures.length > 0) throw new Error(`adapters failed:\n${failures.join('\n')}`);
  return facts;
}

/** The source text a span covers. */
export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
