// Code lenses on request handlers: who calls this endpoint from other services ("3 callers: orders (2), gateway (1)")
// and which other services' endpoints it waits on ("calls: inventory GET /items/:sku"). Both come from the service
// graph, which the model builds once per re-link; a lens is computed whole, there is nothing left to resolve.
import type { CodeLens, CodeLensParams, Command, Location as LspLocation, Position } from 'vscode-languageserver/node';
import type { EndpointNode, ServiceEdge, SystemModel } from '../engine/model/types.js';
import type { WorkspaceSession } from '../engine/session/index.js';
import type { Location } from '../engine/types.js';
import type { ServerContext } from './context.js';
import { LineLookup } from './diagnostics.js';
import { requestFile } from './request-file.js';

export async function provideCodeLenses(context: ServerContext, params: CodeLensParams, token: { isCancellationRequested: boolean }): Promise<CodeLens[]> {
  const target = await requestFile(context, params.textDocument.uri, token);
  if (!target) return [];
  const { path, session } = target;
  const model = session.model;
  const graph = model.serviceGraph();
  const lines = new LineLookup(session);
  const lenses: CodeLens[] = [];
  for (const endpoint of model.endpoints) {
    const handler = endpoint.handler;
    if (!handler || handler.file !== path) continue;
    const range = lines.rangeOf(path, handler.start, handler.start);
    const callers = callersOf(model, graph.edges, endpoint);
    lenses.push({ range, command: lensCommand(context, session, params.textDocument.uri, range.start, callersTitle(callers), callers.map((c) => c.site)) });
    const calls = graph.edges.filter((edge) => edge.from === endpoint.service && edge.sites.some((site) => within(site, handler)));
    if (calls.length > 0) {
      const title = `calls: ${calls.map((edge) => `${edge.to} ${edge.label}${edge.kind === 'async' ? ' (message)' : ''}`).join(', ')}`;
      const sites = calls.flatMap((edge) => edge.sites.filter((site) => within(site, handler)));
      lenses.push({ range, command: lensCommand(context, session, params.textDocument.uri, range.start, title, sites) });
    }
  }
  return lenses;
}

interface Caller {
  service: string;
  site: Location;
}

/** Call sites in other services whose call resolves to this very endpoint. */
function callersOf(model: SystemModel, edges: readonly ServiceEdge[], endpoint: EndpointNode): Caller[] {
  const callers: Caller[] = [];
  for (const edge of edges) {
    // Message edges end at a queue or topic, not at an endpoint: only synchronous calls have callers here.
    if (edge.to !== endpoint.service || edge.kind !== 'sync') continue;
    for (const site of edge.sites) {
      const reaches = model.remoteEffectsOf(site.file, site.start, site.end).some((effect) => effect.target?.endpoint?.id === endpoint.id);
      // A site the model cannot re-resolve (a library call no handler reaches) still belongs to its edge's label.
      if (reaches || `${edge.to} ${edge.label}` === endpoint.id) callers.push({ service: edge.from, site });
    }
  }
  return dedupe(callers);
}

function callersTitle(callers: readonly Caller[]): string {
  if (callers.length === 0) return 'no callers in other services';
  const counts = new Map<string, number>();
  for (const caller of callers) counts.set(caller.service, (counts.get(caller.service) ?? 0) + 1);
  const byService = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([service, count]) => `${service} (${count})`);
  return `${callers.length} caller${callers.length === 1 ? '' : 's'}: ${byService.join(', ')}`;
}

function lensCommand(context: ServerContext, session: WorkspaceSession, documentUri: string, at: Position, title: string, sites: readonly Location[]): Command {
  const command = context.initOptions.commands?.showLocations;
  // Without a client command to show the sites, the lens is a label (an empty command is how LSP spells that).
  if (!command || sites.length === 0) return { title, command: '' };
  const lines = new LineLookup(session);
  const locations: LspLocation[] = sites.map((site) => ({ uri: context.uris.uriOf(site.file), range: lines.rangeOf(site.file, site.start, site.end) }));
  return { title, command, arguments: [documentUri, at, locations] };
}

function within(site: Location, span: { file: string; start: number; end: number }): boolean {
  return site.file === span.file && site.start >= span.start && site.end <= span.end;
}

function dedupe(callers: Caller[]): Caller[] {
  const seen = new Set<string>();
  return callers.filter((caller) => {
    const key = `${caller.site.file}:${caller.site.start}:${caller.site.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
