// Route paths and message patterns in one canonical form, shared by the routes adapters (declared paths) and the
// model (joined prefixes, route matching). Paths: a leading `/`, no trailing `/`, no empty segments, parameters as
// `:name`, a wildcard tail as `*`. Every framework's dialect (express 4/5, fastify, koa-router, hono, NestJS) reduces
// to that; what does not (regular expressions) has no canonical path.

/** How many variants optional parts may expand to: `/a{/:b}{/:c}{/:d}` is 8; beyond that the route is left unmatched. */
const MAX_VARIANTS = 16;

/**
 * The canonical paths a declared route path matches, or undefined when it uses regular-expression syntax.
 * Optional parts expand into one path each: express 5 `/users{/:id}` and `:id?` give `/users` and `/users/:id`.
 */
export function normalizeRoutePath(declared: string): string[] | undefined {
  let path = declared.trim();
  // Parameter constraints: express 4 / Nest / koa `:id(\\d+)`, hono `:id{[0-9]+}` (a brace group right after a name
  // whose content is not a path part, which would make it an express 5 optional group).
  path = path.replace(/:([A-Za-z_$][\w$]*)\((?:[^()\\]|\\.)*\)/g, ':$1');
  path = path.replace(/:([A-Za-z_$][\w$]*)\{(?![/.-])[^{}]*\}/g, ':$1');
  // OpenAPI-style `{id}`.
  path = path.replace(/\{([A-Za-z_$][\w$]*)\}/g, ':$1');
  // Wildcards: `(.*)`, `*`, express 5 `*splat`.
  path = path.replace(/\(\.\*\)/g, '*').replace(/\*[A-Za-z_$][\w$]*/g, '*');

  let variants = [path];
  for (let guard = 0; variants.some((variant) => variant.includes('{')); guard++) {
    // Innermost group first, so nested groups (`{/a{/b}}`) expand correctly.
    const next = variants.flatMap((variant) => {
      const group = /\{([^{}]*)\}/.exec(variant);
      if (!group) return [variant];
      const before = variant.slice(0, group.index);
      const after = variant.slice(group.index + group[0].length);
      return [before + group[1] + after, before + after];
    });
    if (next.length > MAX_VARIANTS || guard > MAX_VARIANTS) return undefined;
    variants = next;
  }
  const expanded: string[] = [];
  for (const variant of variants) {
    const withOptionals = expandOptionalParameters(variant);
    if (!withOptionals || expanded.length + withOptionals.length > MAX_VARIANTS) return undefined;
    expanded.push(...withOptionals);
  }

  const result: string[] = [];
  for (const variant of expanded) {
    const canonical = canonicalSegments(variant);
    if (canonical === undefined) return undefined;
    if (!result.includes(canonical)) result.push(canonical);
  }
  return result;
}

/** `/a/:id?/b` → `/a/:id/b` and `/a/b` (express 4, koa-router, hono); undefined past MAX_VARIANTS. */
function expandOptionalParameters(path: string): string[] | undefined {
  let variants = [path];
  const optional = /\/?(:[A-Za-z_$][\w$]*)\?/;
  while (variants.some((variant) => optional.test(variant))) {
    variants = variants.flatMap((variant) => {
      const match = optional.exec(variant);
      if (!match) return [variant];
      const before = variant.slice(0, match.index);
      const after = variant.slice(match.index + match[0].length);
      return [before + match[0].slice(0, -1) + after, before + after];
    });
    if (variants.length > MAX_VARIANTS) return undefined;
  }
  return variants;
}

function canonicalSegments(path: string): string | undefined {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  for (const segment of segments) {
    if (segment === '*') continue;
    // What is left of regular-expression syntax cannot be matched segment by segment.
    if (/[()[\]{}+?*]/.test(segment)) return undefined;
  }
  return `/${segments.join('/')}`;
}

/** Join already-canonical paths and prefixes: `joinRoutePaths('/api', '/', '/items')` is `/api/items`. */
export function joinRoutePaths(...parts: readonly string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment.length > 0);
  return `/${segments.join('/')}`;
}

export type SegmentKind = 'static' | 'param' | 'wildcard';

/** A canonical segment's kind: `*` is a wildcard tail, one with a `:` holds a parameter (`:id`, `:from-:to`). */
export function segmentKind(segment: string): SegmentKind {
  if (segment === '*') return 'wildcard';
  return segment.includes(':') ? 'param' : 'static';
}

/** A message pattern's canonical text: strings as they are, objects as JSON with keys sorted at every level. */
export function canonicalPattern(value: unknown): string {
  return typeof value === 'string' ? value : canonicalJson(value);
}

/** A pattern's text in canonical form: JSON objects and arrays are re-serialized with sorted keys, other text is kept. */
export function canonicalPatternText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return canonicalJson(JSON.parse(trimmed) as unknown);
  } catch {
    // Not JSON, or nested too deep to re-serialize (RangeError): compare the text as written.
    return text;
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
