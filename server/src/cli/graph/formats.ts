// The `graph` command's output formats, each a pure function of the graph view (no I/O, no clock).
import { renderDot } from './dot.js';
import { renderHtml } from './html.js';
import { renderMermaid } from './mermaid.js';
import { renderJson, type GraphJson } from './view.js';

export const GRAPH_FORMAT_NAMES = ['mermaid', 'dot', 'json', 'html'] as const;
export type GraphFormatName = (typeof GRAPH_FORMAT_NAMES)[number];

export const graphRenderers: Record<GraphFormatName, (view: GraphJson) => string> = {
  mermaid: renderMermaid,
  dot: renderDot,
  json: renderJson,
  html: (view) => renderHtml(view),
};
