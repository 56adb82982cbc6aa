// What a file shows other files. When an edit leaves this digest unchanged, only the edited file's own findings can
// change (plus findings elsewhere that point into it, which the session re-checks separately because their offsets
// moved); when it changes, every file's findings may.
//
// The digest is the file's text with the bodies of "plain" functions blanked out, plus the call graph's view of those
// bodies (which function calls what, awaited or not). A body is plain when no fact other than call sites and nested
// functions starts inside it: no remote call, endpoint, router, HTTP client, message send, instance binding… Other
// files see a plain body only through the call graph, so typing inside one (a log message, a computation) is local.
// Everything else counts: module-level code (exports, constants the string folder follows across modules, route
// registrations, class shapes and decorators) and whole bodies that hold a boundary fact, since folding a URL or
// summarizing a wrapper reads their text. New fact kinds count as boundary facts without a change here: being too
// eager only costs time, missing a dependency would leave stale findings.
import { createHash } from 'node:crypto';
import type { FileFacts, Span } from '../facts/types.js';

/** Facts that say nothing to other files by themselves, or that the digest takes in another form. */
const NON_BOUNDARY_KEYS = new Set<string>(['path', 'hash', 'parseDiagnostics', 'suppressions', 'functions', 'callSites']);

export function crossFileDigest(text: string, facts: FileFacts): string {
  const id = positionFreeIds(facts);
  const hash = createHash('sha1');
  hash.update(skeletonText(text, facts));
  hash.update('\0calls\0');
  for (const site of facts.callSites) hash.update(`${id(site.caller)}\0${JSON.stringify(site.callee)}\0${site.awaited}\n`);
  hash.update('\0functions\0');
  for (const fn of facts.functions) hash.update(`${id(fn.id)}\0${fn.name ?? ''}\0${fn.className ?? ''}\0${fn.exported}\0${id(fn.inlineIn ?? '')}\n`);
  return hash.digest('hex');
}

/** Anonymous functions are named by their offset (`<anonymous>@1234`); their rank keeps the digest blind to shifts. */
function positionFreeIds(facts: FileFacts): (id: string) => string {
  const ranks = new Map<string, string>();
  for (const fn of facts.functions) if (/@\d+$/.test(fn.id)) ranks.set(fn.id, fn.id.replace(/@\d+$/, `#${ranks.size}`));
  return (id) => ranks.get(id) ?? id;
}

/** The text with the outermost plain function bodies replaced by `{}`. */
export function skeletonText(text: string, facts: FileFacts): string {
  const boundaryStarts = boundaryFactStarts(facts);
  const hasBoundaryFact = (body: Span): boolean => {
    // First boundary fact at or after the body's start: inside the body when it starts before the body ends.
    let low = 0;
    let high = boundaryStarts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (boundaryStarts[mid]! < body.start) low = mid + 1;
      else high = mid;
    }
    return low < boundaryStarts.length && boundaryStarts[low]! < body.end;
  };
  const plainBodies = facts.functions
    .map((fn) => fn.body)
    .filter((body) => body.end > body.start && !hasBoundaryFact(body))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let cursor = 0;
  for (const body of plainBodies) {
    if (body.start < cursor) continue; // nested in a body already blanked
    parts.push(text.slice(cursor, body.start), '{}');
    cursor = body.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

function boundaryFactStarts(facts: FileFacts): number[] {
  const starts: number[] = [];
  for (const [key, value] of Object.entries(facts)) {
    if (NON_BOUNDARY_KEYS.has(key) || !Array.isArray(value)) continue;
    for (const fact of value as unknown[]) if (isSpan(fact)) starts.push(fact.start);
  }
  return starts.sort((a, b) => a - b);
}

function isSpan(value: unknown): value is Span {
  return typeof value === 'object' && value !== null && typeof (value as Span).start === 'number' && typeof (value as Span).end === 'number';
}
