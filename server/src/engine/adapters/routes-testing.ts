// Test support for the routes adapters: endpoint, mount and router facts of a snippet, with spans shown as source text.
import { factsOf, slice } from '../facts/testing.js';

export interface RouteRow {
  method?: string;
  path?: string;
  router?: string;
  /** The route declaration's source text. */
  declaration: string;
  /** The handler's function id when inline, else its source text. */
  handler?: string;
  ref?: string;
}

export function routesOf(text: string, path?: string): RouteRow[] {
  return factsOf(text, path).endpoints.map((fact) => {
    const row: RouteRow = { declaration: slice(text, fact) };
    if (fact.method) row.method = fact.method;
    if (fact.path !== undefined) row.path = fact.path;
    else if (fact.pathSpan) row.path = `<${slice(text, fact.pathSpan)}>`;
    if (fact.pattern !== undefined) row.path = fact.pattern;
    if (fact.router !== undefined) row.router = fact.router;
    if (fact.handler) row.handler = fact.handler.functionId ?? slice(text, fact.handler.span);
    if (fact.handlerRef) row.ref = JSON.stringify(fact.handlerRef);
    return row;
  });
}

/** Mounts as `parent + prefix ← child`. */
export function mountsOf(text: string, path?: string): string[] {
  return factsOf(text, path).routerMounts.map((mount) => {
    const child = 'binding' in mount.child ? mount.child.binding : `${mount.child.specifier}#${mount.child.name}`;
    const prefix = mount.prefixSpan ? `<${slice(text, mount.prefixSpan)}>` : mount.prefix;
    return `${mount.parent} + '${prefix}' <- ${child}`;
  });
}

/** Routers as `id (framework) [exported as …] prefix`. */
export function routersOf(text: string, path?: string): string[] {
  return factsOf(text, path).routers.map((router) => {
    const exported = router.exportedAs.length > 0 ? ` exported as ${router.exportedAs.join(', ')}` : '';
    const unencapsulated = router.ignoresMountPrefix ? ' ignores mount prefix' : '';
    return `${router.id} (${router.framework})${exported}${router.prefix ? ` prefix ${router.prefix}` : ''}${unencapsulated}`;
  });
}

/** `name@offset` for the binding whose declaration text starts at `declaration`. */
export function at(text: string, declaration: string, name = declaration.split(/[\s:=(]/)[0]!): string {
  const offset = text.indexOf(declaration);
  if (offset < 0) throw new Error(`not in the snippet: ${declaration}`);
  return `${name}@${offset}`;
}
