// `seamlint/serviceGraph`: the same JSON and HTML `seamlint graph` writes, from the session's current model. The
// renderers are the CLI's (server/src/cli/graph/): pure functions of the graph with no terminal or file I/O, so both
// fronts share them as they are rather than through a copy.
import { pathToFileURL } from 'node:url';
import { graphSourceOf } from '../cli/graph/from-analysis.js';
import { renderHtml } from '../cli/graph/html.js';
import { toGraphJson } from '../cli/graph/view.js';
import type { ServerContext } from './context.js';
import type { ServiceGraphParams, ServiceGraphResult } from './protocol.js';

export async function serviceGraph(context: ServerContext, params: ServiceGraphParams | undefined): Promise<ServiceGraphResult | null> {
  const session = await context.ready();
  if (!session) return null;
  // Apply pending edits and re-link; no rule needs to run for the graph.
  await context.scheduler?.ensureFresh([]);
  const source = graphSourceOf({ root: session.root, model: session.model, problems: session.problems() });
  const graph = toGraphJson(source, session.root);
  const nonce = typeof params?.cspNonce === 'string' && params.cspNonce !== '' ? params.cspNonce : undefined;
  return {
    root: session.root,
    rootUri: pathToFileURL(session.root).href,
    graph,
    html: renderHtml(graph, nonce === undefined ? {} : { cspNonce: nonce }),
  };
}
