// Library-neutral facts about one file. Adapters produce them; the model links them; rules read them.
// Facts are plain data (JSON-serializable) so they can be cached on disk by content hash.
// Offsets are 0-based into the file's text.

export interface Span {
  start: number;
  end: number;
}

export type ImportKind = 'import' | 'export-from' | 'import-equals' | 'dynamic-import' | 'require';

export interface ImportFact extends Span {
  /** The module specifier as written ('../orders/src/x', '@shop/domain'). */
  specifier: string;
  kind: ImportKind;
  /** `import type`, `export type … from`, or every named binding is `type`. */
  typeOnly: boolean;
  /** Imported names ('default', '*', or the name). Empty for side-effect imports and require/dynamic import. */
  names: string[];
}

export type ExportKind = 'function' | 'class' | 'variable' | 'type' | 'interface' | 'enum' | 're-export';

export interface ExportFact extends Span {
  name: string;
  kind: ExportKind;
  /** Re-exports: the specifier they come from. */
  from?: string;
}

/** Something that, when running, serves requests or consumes messages: what makes a package a service. */
export interface EntrypointFact extends Span {
  kind: 'http-server' | 'nest-app' | 'nest-microservice' | 'message-consumer';
  library: string;
}

/**
 * An expression whose string value names a network location the code connects to or calls.
 * `sink` says what consumes it; hardcoded-endpoint and URL resolution read these.
 */
export interface EndpointSinkFact extends Span {
  sink: 'http-call' | 'http-client-base' | 'message-client' | 'broker' | 'database' | 'cache';
  library: string;
  /** The span of the expression that yields the URL / connection string / host (start,end of the sink call are in Span). */
  value: Span;
  /** For split settings ({ host, port }): the port expression, when separate. */
  port?: Span;
}

/** A class, schema or client that maps to database storage. */
export interface PersistenceFact extends Span {
  kind: 'entity' | 'schema' | 'model' | 'repository' | 'client' | 'table';
  library: string;
  name: string;
  /** Table / collection name, when known. */
  table?: string;
  exported: boolean;
}

export interface SuppressionFact extends Span {
  scope: 'next-line' | 'file';
  rules: string[];
  reason?: string;
  /** 0-based line the suppression applies to (next-line) — -1 for file scope. */
  targetLine: number;
}

export interface FileFacts {
  /** Absolute path. */
  path: string;
  /** Content hash (sha1 of the text) the facts were extracted from. */
  hash: string;
  /** Syntax errors in the file (facts are then best-effort); -1 when the file could not be parsed at all. */
  parseDiagnostics: number;
  imports: ImportFact[];
  exports: ExportFact[];
  entrypoints: EntrypointFact[];
  endpointSinks: EndpointSinkFact[];
  persistence: PersistenceFact[];
  suppressions: SuppressionFact[];
}
