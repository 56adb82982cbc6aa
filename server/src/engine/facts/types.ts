import type { EndpointFact, GlobalPrefixFact, RouterFact, RouterMountFact } from './endpoint-types.js';
import type { RetryFact } from './retry-types.js';
import type { ContractSiteFact, PersistenceField, SchemaFact, ValidationFact } from './contract-types.js';
import type { ConsumerFact, JobOptionsFact, JobQueueFact, PublishRouteFact, QueueBindingFact, QueueDeclarationFact } from './messaging-types.js';

export type { EndpointFact, GlobalPrefixFact, RouterFact, RouterMountFact, RetryFact };
export type { ConsumerFact, JobOptionsFact, JobQueueFact, PublishRouteFact, QueueBindingFact, QueueDeclarationFact };

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
  /** Classes: their mapped columns and relations, as declared. */
  fields?: PersistenceField[];
  /** 'repository': the entity it serves (`getRepository(Order)` → 'Order'). */
  entity?: string;
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
  remoteCalls: RemoteCallFact[];
  /** HTTP client instances, global client defaults and client module registrations (what calls inherit). */
  httpClients: HttpClientFact[];
  messageSends: MessageSendFact[];
  functions: FunctionFact[];
  callSites: CallSiteFact[];
  classes: ClassFact[];
  instanceBindings: InstanceBindingFact[];
  endpoints: EndpointFact[];
  routerMounts: RouterMountFact[];
  routers: RouterFact[];
  globalPrefixes: GlobalPrefixFact[];
  transactions: TransactionFact[];
  /** Retries a library performs (retry helpers, job attempts, redelivery limits) and how they are bounded. */
  retries: RetryFact[];
  /** Contracts (contract-types.ts): bodies and payloads crossing a boundary, schemas, and the validations that use them. */
  contractSites: ContractSiteFact[];
  schemas: SchemaFact[];
  validations: ValidationFact[];
  /** Messaging (messaging-types.ts): queue declarations, consumers, bindings, exchange routes, job options. */
  queueDeclarations: QueueDeclarationFact[];
  consumers: ConsumerFact[];
  queueBindings: QueueBindingFact[];
  publishRoutes: PublishRouteFact[];
  jobOptions: JobOptionsFact[];
  jobQueues: JobQueueFact[];
}

// ---------------------------------------------------------------------------------------------------------------
// Remote interactions, endpoints and the call graph (the HTTP and synchronous-coupling issue).

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A library call that crosses a process boundary and waits for the answer (rules.md "remote call"). Span = the call expression. */
export interface RemoteCallFact extends Span {
  kind: 'http' | 'rpc';
  /**
   * 'fetch', 'node-fetch', 'undici', 'axios', 'got', 'ky', 'superagent', '@nestjs/axios', 'http', 'https', '@nestjs/microservices';
   * 'http-client' for a call on an instance imported from another module (`instanceImport`), whose module names the library.
   */
  library: string;
  /** Undefined when not statically known (a variable method). */
  method?: HttpMethod;
  /** The URL (or path, when a base URL applies) argument. */
  url?: Span;
  /** The client instance's base URL expression (axios.create `baseURL`, got.extend `prefixUrl`, ky `prefixUrl`), when it is in this file. */
  baseUrl?: Span;
  /**
   * The client instance was imported: `import { paymentsApi } from './clients'` → { specifier: './clients', name: 'paymentsApi' }.
   * Taken from the call's shape (a verb method, a literal URL or absolute path); it is an HTTP client only if that module
   * exports an instance under `name` (an `httpClients` fact whose `exportedAs` has it), which consumers should confirm.
   */
  instanceImport?: { specifier: string; name: string };
  /** rpc: the message pattern argument of `ClientProxy.send(pattern, data)`. */
  pattern?: Span;
  /** rpc over gRPC: the service name argument of `ClientGrpc.getService(name)`, and the method called on that client. */
  grpc?: { service: Span; method: string };
  /** rpc: the client's injection token / registered name (`@Inject('PAYMENTS')`, ClientsModule `name`). */
  rpcClient?: string;
  /** The call's value is awaited (`await call`, `await call.then(…)`, `yield`), so the caller blocks on it. */
  awaited: boolean;
  /** How long the call may wait (missing-timeout). Absent for calls whose timeout is not tracked. */
  timeout?: TimeoutFact;
  /** Set when an HTTP error status (4xx/5xx) resolves instead of throwing, so the caller must look at it (unchecked-response-status). */
  status?: ResponseStatusFact;
}

/** What bounds the time a call, a client instance or a client's shared defaults wait (missing-timeout). */
export interface TimeoutFact {
  /**
   * 'set': a timeout or abort signal is configured here. 'disabled': explicitly never (`timeout: 0`, ky `timeout: false`), `value` is that setting.
   * 'absent': nothing here and no library default. 'inherited': what applies is decided elsewhere: the instance in `instance`, an imported
   * instance (`RemoteCallFact.instanceImport`), or the shared defaults named `defaults`. 'library-default': the library bounds it by
   * default (ky, undici.request). 'unknown': the options are not statically readable, or the client's timeout is not tracked.
   */
  state: 'set' | 'disabled' | 'absent' | 'inherited' | 'library-default' | 'unknown';
  /** 'disabled': the value that means "never", which a fix replaces. */
  value?: Span;
  /** 'inherited' from a client instance created in this file: the span of its `HttpClientFact`. */
  instance?: Span;
  /**
   * The shared defaults (`HttpClientFact.defaultsKey`) that can bound it, set anywhere in the service. With 'absent' they are optional
   * (`axios.defaults.timeout` covers an axios call); with 'inherited' they are the only place a timeout can be set (a Nest `HttpModule`).
   */
  defaults?: string;
  /** How a timeout is written for this client: an abort signal in `signal`, milliseconds in `timeout`, or `timeout: { request: ms }`. */
  option?: 'signal' | 'timeout-ms' | 'timeout-request-ms';
  /** Where a fix writes the timeout. Absent when there is no safe place (options from a variable, a parameter). */
  slot?: OptionsSlot;
}

/** Where a setting can be added to a call's options. */
export interface OptionsSlot {
  /** An options object literal written in the call: the setting is added to it. */
  object?: Span;
  /** No options yet: the call that gets a new options object as argument `argumentIndex` (missing earlier arguments become `undefined`). */
  call?: Span;
  argumentIndex?: number;
  /** A client module imported bare (`imports: [HttpModule]`): the reference to replace by `<text>.<method>({ … })`. */
  bare?: { span: Span; method: string };
}

/** A response that resolves whatever its status (fetch, undici.request, an axios/got client configured not to throw). */
export interface ResponseStatusFact {
  /**
   * 'before-body': the status must be checked before the body is read or the response returned (fetch, undici.request).
   * 'at-all': the client was configured not to throw (`validateStatus: () => true`, `throwHttpErrors: false`): its status must be read.
   */
  check: 'before-body' | 'at-all';
  /** Response properties that tell the status; a fix tests the first (`ok` as `!res.ok`, the others as `>= 400`). */
  properties: string[];
  /** The option that stops the client from throwing, when it is in this file. */
  configuredAt?: Span;
}

/**
 * Settings many calls share: a client instance (`axios.create`, `got.extend`, `ky.create`), a client's global defaults
 * (`axios.defaults.timeout = …`), or a dependency-injection module registration (Nest `HttpModule`). Span = where a finding about it goes.
 */
export interface HttpClientFact extends Span {
  kind: 'instance' | 'defaults' | 'module';
  library: string;
  /** 'defaults' and 'module': the key calls and instances name in `TimeoutFact.defaults` to inherit these settings. */
  defaultsKey?: string;
  /** 'instance': the names this module exports it under ('default' for `export default`). */
  exportedAs?: string[];
  /** 'instance': the base URL expression (`baseURL`, `prefixUrl`). */
  baseUrl?: Span;
  timeout: TimeoutFact;
  /** Responses of this client resolve on error statuses. */
  status?: ResponseStatusFact;
}

/** Something that sends a message and does not wait for a reply (rules.md: messages are not remote calls). */
export interface MessageSendFact extends Span {
  library: string;
  /** 'publish', 'sendToQueue', 'producer.send', 'queue.add', 'emit', … */
  operation: string;
  /** Queue / topic / exchange / routing-key / pattern expression, when there is one. */
  destination?: Span;
  awaited: boolean;
}

/** A function-like node. Every function, method, arrow and function expression gets one. */
export interface FunctionFact extends Span {
  /** Unique in the file: 'placeOrder', 'OrdersService.placeOrder', 'OrdersService.constructor', '<anonymous>@1234'. */
  id: string;
  name?: string;
  className?: string;
  exported: boolean;
  /** For a function written inline in another's body (a callback, an IIFE): that function's id. Its calls run as part of the parent. */
  inlineIn?: string;
  /** Span of the body (block or expression). */
  body: Span;
}

/** A call expression, and what the call graph needs to resolve its target without a type checker. */
export interface CallSiteFact extends Span {
  /** Id of the innermost enclosing function, or '<module>'. */
  caller: string;
  callee: CalleeRef;
  awaited: boolean;
}

export type CalleeRef =
  /** `foo()`: a function or const arrow in scope (declared in this file or imported). */
  | { kind: 'name'; name: string }
  /** `this.foo()` */
  | { kind: 'this-method'; method: string }
  /** `this.client.getItem()`: a member of a field (constructor parameter property, field with a type annotation or `new X()` initializer). */
  | { kind: 'this-field-method'; field: string; method: string }
  /** `client.getItem()` / `api.items.get()`: a member of a binding in scope (a `new X()` variable, an imported instance or namespace). */
  | { kind: 'binding-method'; binding: string; method: string }
  /** Anything else (computed callee, call on a call result): unresolvable syntactically. */
  | { kind: 'other' };

/** A class's injectable shape: which class each field holds, so `this.inventory.getItem()` resolves through DI. */
export interface ClassFact extends Span {
  name: string;
  exported: boolean;
  methods: string[];
  /** field name → class (type) name, from constructor parameter properties, field type annotations and `new X()` initializers. */
  fieldTypes: Record<string, string>;
  /** Nest: `@Inject('TOKEN') private readonly client: ClientProxy` → field → token. */
  injectionTokens: Record<string, string>;
}

/** `const client = new InventoryClient(...)` at any scope: binding name → class name (top-level bindings may be exported). */
export interface InstanceBindingFact extends Span {
  name: string;
  className: string;
  exported: boolean;
}

/** A database transaction's extent: the callback body, or the statements between start and commit. */
export interface TransactionFact extends Span {
  library: string;
  /** The code that runs inside the transaction. */
  body: Span;
}
