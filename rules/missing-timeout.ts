import ts from 'typescript';
import type { HttpClientFact, RemoteCallFact, TimeoutFact } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import type { Fix, Location, TextEdit } from '../server/src/engine/types.js';
import {
  addOptionEdits,
  deployableKey,
  describeCall,
  downstreamOf,
  importedClient,
  nodeAt,
  quote,
  sameDeployable,
  urlText,
} from './support/http-calls.js';

/** What the files of one service set once for many calls: client-wide defaults, and the calls that rely on a module's. */
interface SharedSettings {
  /** Defaults keys with a timeout set somewhere in the service (`axios.defaults.timeout = 5000`). */
  defaultsWithTimeout: Set<string>;
  /** Defaults key → the calls that can only get a timeout from there (HttpService calls → their HttpModule). */
  inheritingCalls: Map<string, Location[]>;
}

const sharedCache = new WeakMap<SystemModel, Map<string, SharedSettings>>();

export default defineRule({
  id: 'missing-timeout',
  category: 'failure-handling',
  severity: 'warning',
  fix: 'safe',
  description: 'Remote calls must have a timeout.',
  options: {
    defaultTimeoutMs: { type: 'number', default: 10000, minimum: 1, description: 'The timeout, in milliseconds, that the fix writes.' },
  },
  check({ file, model, options, report }) {
    const ms = options.defaultTimeoutMs;
    let shared: SharedSettings | undefined;
    const settings = (): SharedSettings => (shared ??= sharedSettings(model, file));
    for (const call of file.facts.remoteCalls) {
      const timeout = call.timeout;
      if (!timeout) continue;
      // An imported instance is a remote call only if its module says so (the adapter could only go by the call's shape).
      if (call.instanceImport && !importedClient(model, file, call.instanceImport)) continue;
      const what = describeCall(model, file, call);
      const downstream = downstreamOf(model, urlText(model, file, call));
      if (timeout.state === 'disabled') {
        report(disabledFinding(file, call, timeout, `${what} sets \`${settingText(file, timeout)}\``, downstream, ms));
      } else if (timeout.state === 'absent' && !(timeout.defaults && settings().defaultsWithTimeout.has(timeout.defaults))) {
        report({
          start: call.start,
          end: call.end,
          message: `${what} has no timeout: ${downstream} will hold this request open indefinitely, and the callers waiting on it pile up. ${advice(timeout)}`,
          fixes: fixesFor(file, timeout, ms),
        });
      }
    }
    for (const client of file.facts.httpClients) checkClient(file, model, client, ms, settings, report);
  },
});

function checkClient(file: AnalyzedFile, model: SystemModel, client: HttpClientFact, ms: number, settings: () => SharedSettings, report: (report: Report) => void): void {
  const timeout = client.timeout;
  const name = `\`${quote(clientText(file, client))}\``;
  if (timeout.state === 'disabled') {
    // `axios.defaults.timeout = 0` names itself; an instance or module is named, then its setting.
    const what = client.kind === 'defaults' ? name : `${name} sets \`${settingText(file, timeout)}\``;
    const subject = client.kind === 'defaults' ? 'every request that sets no timeout of its own' : 'every request through it';
    report(disabledFinding(file, client, timeout, what, 'a slow server', ms, subject));
    return;
  }
  if (timeout.state !== 'absent') return;
  if (client.kind === 'instance') {
    if (timeout.defaults && settings().defaultsWithTimeout.has(timeout.defaults)) return;
    const base = client.baseUrl && model.foldString(file.path, client.baseUrl.start, client.baseUrl.end)?.value;
    const subject = base ? `${name} creates a client for \`${base}\`` : `${name} creates a client`;
    report({
      start: client.start,
      end: client.end,
      message: `${subject} without a timeout: every request through it waits indefinitely on ${downstreamOf(model, base)}, and the callers waiting on it pile up. ${advice(timeout, 'Add')}`,
      fixes: fixesFor(file, timeout, ms),
    });
  } else if (client.kind === 'module' && client.defaultsKey) {
    const calls = settings().inheritingCalls.get(client.defaultsKey) ?? [];
    if (calls.length === 0) return;
    const waiting = calls.length === 1 ? 'the HTTP call made through it waits' : `the ${calls.length} HTTP calls made through it wait`;
    report({
      start: client.start,
      end: client.end,
      message: `${name} is registered without a timeout, so ${waiting} indefinitely on a slow server, and their callers pile up. Register it with a timeout (\`timeout: ms\`).`,
      related: calls.map((call) => ({ ...call, message: 'an HTTP call that gets its timeout from this registration' })),
      fixes: fixesFor(file, timeout, ms),
    });
  }
}

function disabledFinding(file: AnalyzedFile, at: { start: number; end: number }, timeout: TimeoutFact, what: string, downstream: string, ms: number, subject = 'this request'): Report {
  const value = timeout.value!;
  return {
    start: at.start,
    end: at.end,
    message: `${what}, which means no timeout: ${downstream} will hold ${subject} open indefinitely, and the callers waiting on it pile up. Set a finite timeout in milliseconds.`,
    fixes: [{ title: `Set the timeout to ${ms} ms`, kind: 'safe', edits: { [file.path]: [{ start: value.start, end: value.end, newText: String(ms) }] } }],
  };
}

/** `timeout: 0` as written (the property around the value), for messages. */
function settingText(file: AnalyzedFile, timeout: TimeoutFact): string {
  const value = timeout.value!;
  const node = nodeAt(file, value, (n): n is ts.Expression => ts.isExpression(n));
  const property = node?.parent;
  if (property && ts.isPropertyAssignment(property)) return quote(file.text.slice(property.getStart(file.sourceFile), property.end));
  if (property && ts.isBinaryExpression(property)) return quote(file.text.slice(property.getStart(file.sourceFile), property.end));
  return quote(file.text.slice(value.start, value.end));
}

function clientText(file: AnalyzedFile, client: HttpClientFact): string {
  const text = file.text.slice(client.start, client.end);
  // `axios.create({ … })` → `axios.create(…)`: the callee names the client; its options are shown by the code frame.
  const paren = text.indexOf('(');
  return paren > 0 ? `${text.slice(0, paren)}(…)` : text;
}

function optionText(timeout: TimeoutFact, ms: number | string): string {
  switch (timeout.option) {
    case 'signal':
      return `signal: AbortSignal.timeout(${ms})`;
    case 'timeout-request-ms':
      return `timeout: { request: ${ms} }`;
    default:
      return `timeout: ${ms}`;
  }
}

function advice(timeout: TimeoutFact, verb: 'Pass' | 'Add' = 'Pass'): string {
  const pass = `${verb} \`${optionText(timeout, 'ms')}\``;
  return timeout.defaults ? `${pass} (or set a default timeout for \`${timeout.defaults}\` once in the service).` : `${pass}.`;
}

function fixesFor(file: AnalyzedFile, timeout: TimeoutFact, ms: number): Fix[] {
  const slot = timeout.slot;
  if (!slot) return [];
  const property = optionText(timeout, ms);
  let edits: TextEdit[] | undefined;
  if (slot.object || (slot.call && slot.argumentIndex !== undefined)) {
    edits = addOptionEdits(file, slot, property);
  } else if (slot.bare) {
    const text = file.text.slice(slot.bare.span.start, slot.bare.span.end);
    edits = [{ ...slot.bare.span, newText: `${text}.${slot.bare.method}({ ${property} })` }];
  }
  return edits ? [{ title: `Add \`${property}\``, kind: 'safe', edits: { [file.path]: edits } }] : [];
}

function sharedSettings(model: SystemModel, file: AnalyzedFile): SharedSettings {
  let byDeployable = sharedCache.get(model);
  if (!byDeployable) sharedCache.set(model, (byDeployable = new Map()));
  const key = deployableKey(file);
  let settings = byDeployable.get(key);
  if (settings) return settings;
  settings = { defaultsWithTimeout: new Set(), inheritingCalls: new Map() };
  for (const other of sameDeployable(model, file)) {
    for (const client of other.facts.httpClients) {
      if (client.kind === 'defaults' && client.defaultsKey && client.timeout.state === 'set') settings.defaultsWithTimeout.add(client.defaultsKey);
    }
    for (const call of other.facts.remoteCalls as RemoteCallFact[]) {
      const defaults = call.timeout?.state === 'inherited' ? call.timeout.defaults : undefined;
      if (!defaults) continue;
      const list = settings.inheritingCalls.get(defaults) ?? [];
      list.push({ file: other.path, start: call.start, end: call.end });
      settings.inheritingCalls.set(defaults, list);
    }
  }
  byDeployable.set(key, settings);
  return settings;
}
