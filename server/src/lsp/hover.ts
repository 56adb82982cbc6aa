// Hover on a remote call (any call the model says crosses a process boundary, also through wrappers and client
// classes): the target service, method and path, where the handler is, and the synchronous chain it starts.
import { relative } from 'node:path';
import ts from 'typescript';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { EndpointNode, RemoteEffect, ServiceGraph } from '../engine/model/types.js';
import type { WorkspaceSession } from '../engine/session/index.js';
import type { Location } from '../engine/types.js';
import type { ServerContext } from './context.js';
import { LineLookup } from './diagnostics.js';
import { requestFile } from './request-file.js';

export async function provideHover(context: ServerContext, params: HoverParams, token: { isCancellationRequested: boolean }): Promise<Hover | null> {
  const target = await requestFile(context, params.textDocument.uri, token);
  if (!target) return null;
  const { path, session, file } = target;
  const offset = file.lines.offsetAt(params.position);
  for (const call of callsAt(file.sourceFile, offset)) {
    const start = call.getStart(file.sourceFile);
    const effects = session.model.remoteEffectsOf(path, start, call.end);
    if (effects.length === 0) continue;
    const lines = new LineLookup(session);
    const calleeEnd = call.expression.end;
    return {
      // A client that cannot render markdown still gets readable text: the markup used here is light.
      contents: { kind: context.client.hoverMarkdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: describeEffects(context, session, lines, effects, { file: path, start, end: call.end }) },
      range: lines.rangeOf(path, start, calleeEnd),
    };
  }
  return null;
}

/** Calls whose callee (`ordersApi.post`, `this.inventory.getItem`) holds the offset, innermost first. */
function callsAt(sourceFile: ts.SourceFile, offset: number): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (offset < node.getFullStart() || offset > node.end) return;
    if (ts.isCallExpression(node) && offset >= node.getStart(sourceFile) && offset <= (node.typeArguments?.end ?? node.expression.end)) found.push(node);
    ts.forEachChild(node, visit);
  };
  try {
    visit(sourceFile);
  } catch {
    // A pathologically deep tree: no hover rather than a crash.
    return [];
  }
  return found.reverse();
}

function describeEffects(context: ServerContext, session: WorkspaceSession, lines: LineLookup, effects: readonly RemoteEffect[], call: Location): string {
  const link = (location: Location) => {
    const at = lines.rangeOf(location.file, location.start, location.end).start;
    const label = `${relative(session.root, location.file).split('\\').join('/')}:${at.line + 1}`;
    return `[${label}](${context.uris.uriOf(location.file)}#L${at.line + 1})`;
  };
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const effect of effects) {
    const target = effect.target;
    const endpoint = target?.endpoint;
    const key = endpoint ? endpoint.id : `${target?.service ?? ''} ${target?.url ?? effect.call.fact.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const method = endpoint?.method ?? target?.method ?? effect.call.fact.method;
    const parts: string[] = [];
    if (target && endpoint) {
      parts.push(`**seamlint** · remote call to **${target.service}** \`${routeOf(endpoint, method)}\``);
      if (endpoint.handler) parts.push(`- handler: ${link(endpoint.handler)}`);
      else parts.push(`- route: ${link(endpoint)}`);
    } else if (target) {
      parts.push(`**seamlint** · remote call to **${target.service}** \`${[method, target.url].filter(Boolean).join(' ')}\``, '- no route of that service matches it');
    } else {
      parts.push(`**seamlint** · remote call${method ? ` \`${method}\`` : ''}: the target is outside this workspace or not known statically`);
    }
    if (effect.via.length > 0) {
      const libraryCall = { file: effect.call.file, start: effect.call.fact.start, end: effect.call.fact.end };
      parts.push(`- through: ${[...effect.via.slice(1), libraryCall].map(link).join(' → ')}`);
    }
    parts.push(`- ${effect.readOnly ? 'read-only' : 'may change state'}${effect.call.fact.awaited ? ', awaited' : ''}`);
    sections.push(parts.join('\n'));
  }
  const chain = longestChainFrom(session.model.serviceGraph(), call);
  if (chain) {
    const hops = chain.sites.slice(1).filter((site) => site.message && !site.message.startsWith('handler of'));
    sections.push([`**Downstream chain** (${chain.services.length} services): ${chain.services.join(' → ')}`, ...hops.map((site) => `- ${site.message} — ${link(site)}`)].join('\n'));
  }
  return sections.join('\n\n---\n\n');
}

function routeOf(endpoint: EndpointNode, method: string | undefined): string {
  if (endpoint.kind === 'http') return `${endpoint.method ?? method ?? 'ALL'} ${endpoint.path ?? endpoint.pattern ?? ''}`.trim();
  return `${endpoint.kind} ${endpoint.pattern ?? endpoint.path ?? ''}`.trim();
}

/** The longest chain whose first site is this call (the graph reports chains at the call written in the handler). */
export function longestChainFrom(graph: ServiceGraph, call: Location): ServiceGraph['chains'][number] | undefined {
  let best: ServiceGraph['chains'][number] | undefined;
  for (const chain of graph.chains) {
    const origin = chain.sites[0];
    if (!origin || origin.file !== call.file || origin.start < call.start || origin.end > call.end) continue;
    if (!best || chain.services.length > best.services.length) best = chain;
  }
  return best;
}
