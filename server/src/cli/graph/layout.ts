// A deterministic layered drawing (Sugiyama style) for the HTML graph: callers left of callees, cycles broken by turning
// their back edges around, long edges routed through reserved slots so they never cross a box, and labels placed where
// they overlap neither a box nor another label. Pure arithmetic: the same graph always gives the same picture.
import { placeInOrder } from './layout-place.js';
import { fmt, overlaps, pathData, placeLabel, sampleRoute, type Box, type Point } from './layout-lines.js';

export { overlaps, type Box, type Point };

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutLink {
  from: string;
  to: string;
  /** Sync calls decide which edge of a cycle is turned around: the async ones yield first. */
  primary: boolean;
  /** Size of the label box, or undefined for an unlabelled link. */
  label?: { width: number; height: number };
}

export interface LinkGeometry {
  /** SVG path data, in the link's own direction (the arrow head goes at the end). */
  path: string;
  label?: Box;
}

export interface Layout {
  /** viewBox of the drawing: everything lies inside it with a margin. */
  bounds: Box;
  nodes: Map<string, Box>;
  links: LinkGeometry[];
}

const NODE_GAP = 56;
const DUMMY_GAP = 26;
/** A wide, flat drawing gets more room between rows (up to this factor) until it is about twice as wide as tall. */
const MAX_GAP_SCALE = 2;
const TARGET_ASPECT = 2;
const MIN_LAYER_GAP = 110;
const MAX_LAYER_GAP = 340;
const LABEL_ROOM = 56;
const MARGIN = 24;
const SELF_LOOP_RISE = 34;
const LOOSE_GAP = 40;

interface Vertex {
  id: string;
  layer: number;
  width: number;
  height: number;
  dummy: boolean;
  y: number;
}

/** One step of a link between adjacent layers, in layered (left to right) direction. */
interface Segment {
  link: number;
  from: Vertex;
  to: Vertex;
}

export function layoutGraph(nodes: readonly LayoutNode[], links: readonly LayoutLink[]): Layout {
  // Services with no arrow go in a grid of their own: in the layers they would all pile up in the first column.
  const known = new Set(nodes.map((node) => node.id));
  const linked = new Set(links.flatMap((link) => (known.has(link.from) && known.has(link.to) ? [link.from, link.to] : [])));
  const connected = nodes.filter((node) => linked.has(node.id));
  const loose = nodes.filter((node) => !linked.has(node.id));
  const ids = connected.map((node) => node.id);
  const reversed = breakCycles(ids, links);
  const layerOf = assignLayers(ids, links, reversed);
  const vertices = new Map<string, Vertex>(
    connected.map((node) => [node.id, { id: node.id, layer: layerOf.get(node.id) ?? 0, width: node.width, height: node.height, dummy: false, y: 0 }]),
  );
  const layerCount = Math.max(0, ...[...vertices.values()].map((vertex) => vertex.layer)) + 1;
  const layers: Vertex[][] = Array.from({ length: layerCount }, () => []);
  for (const id of ids) layers[vertices.get(id)!.layer]!.push(vertices.get(id)!);

  // Chains of vertices per link, in layered direction, with a dummy vertex in every layer a long link passes through.
  const chains: Vertex[][] = links.map((link, index) => {
    const source = vertices.get(link.from);
    const target = vertices.get(link.to);
    if (!source || !target || source === target) return [];
    const [left, right] = reversed.has(index) ? [target, source] : [source, target];
    const chain = [left];
    for (let layer = left.layer + 1; layer < right.layer; layer++) {
      const dummy: Vertex = { id: `\u0000${index}:${layer}`, layer, width: 0, height: 0, dummy: true, y: 0 };
      layers[layer]!.push(dummy);
      chain.push(dummy);
    }
    chain.push(right);
    return chain;
  });
  const segments: Segment[] = chains.flatMap((chain, link) => chain.slice(1).map((to, step) => ({ link, from: chain[step]!, to })));

  orderLayers(layers, segments);

  const columnWidth = layers.map((layer) => Math.max(0, ...layer.map((vertex) => vertex.width)));
  const gapWidth = layers.slice(1).map((_, gap) => {
    const widest = Math.max(0, ...segments.filter((segment) => segment.from.layer === gap).map((segment) => links[segment.link]!.label?.width ?? 0));
    return Math.min(MAX_LAYER_GAP, Math.max(MIN_LAYER_GAP, widest + LABEL_ROOM));
  });
  const columnX: number[] = [];
  for (let layer = 0, x = 0; layer < layerCount; layer++) {
    columnX.push(x);
    x += columnWidth[layer]! + (gapWidth[layer] ?? 0);
  }
  // Rows are spaced once at the base gaps, then once more with gaps scaled to the drawing's width, when it is flat.
  const width = columnX[layerCount - 1]! + columnWidth[layerCount - 1]!;
  const height = placeVertically(layers, segments, 1);
  const gapScale = Math.min(MAX_GAP_SCALE, Math.max(1, width / TARGET_ASPECT / Math.max(1, height)));
  if (gapScale > 1.05) placeVertically(layers, segments, gapScale);
  const nodeBoxes = new Map<string, Box>(
    ids.map((id) => {
      const vertex = vertices.get(id)!;
      return [id, { x: columnX[vertex.layer]!, y: vertex.y, width: columnWidth[vertex.layer]!, height: vertex.height }];
    }),
  );

  const ports = portPositions(segments, nodeBoxes);
  const routes: Point[][] = chains.map((chain, index) => {
    const points: Point[] = [];
    chain.forEach((vertex, step) => {
      if (!vertex.dummy) points.push(ports.get(`${index}:${step}`)!);
      // A dummy crosses its column in a straight line, in the slot reserved for it.
      else points.push({ x: columnX[vertex.layer]!, y: vertex.y }, { x: columnX[vertex.layer]! + columnWidth[vertex.layer]!, y: vertex.y });
    });
    return reversed.has(index) ? points.reverse() : points;
  });
  // Labels are placed after every line is known, so that a label can avoid covering another link's line.
  const samples = routes.map(sampleRoute);
  const labels: Box[] = [];
  const nodeList = [...nodeBoxes.values()];
  const geometries: LinkGeometry[] = links.map((link, index) => {
    const box = nodeBoxes.get(link.from);
    if (box && link.from === link.to) return selfLoop(box, link, labels, nodeList);
    const points = routes[index]!;
    if (points.length === 0) return { path: '' };
    const otherLines = samples.filter((_, other) => other !== index).flat();
    const label = link.label ? placeLabel(points, link.label, { labels, nodes: nodeList, lines: otherLines }) : undefined;
    if (label) labels.push(label);
    return { path: pathData(points), ...(label ? { label } : {}) };
  });

  const bottom = Math.max(0, ...[...nodeList, ...labels].map((box) => box.y + box.height), ...routes.flat().map((point) => point.y));
  for (const [id, box] of gridOf(loose, connected.length > 0 ? width : 0, connected.length > 0 ? bottom + LOOSE_GAP : 0)) nodeBoxes.set(id, box);
  return { bounds: boundsOf([...nodeBoxes.values(), ...labels], geometries), nodes: nodeBoxes, links: geometries };
}

/** A grid under the drawing (or alone, about 3:2), every cell as wide as the widest service in it. */
function gridOf(loose: readonly LayoutNode[], besideWidth: number, top: number): Map<string, Box> {
  const grid = new Map<string, Box>();
  if (loose.length === 0) return grid;
  const cellWidth = Math.max(...loose.map((node) => node.width));
  const cellHeight = Math.max(...loose.map((node) => node.height));
  const fitting = Math.floor((besideWidth + LOOSE_GAP) / (cellWidth + LOOSE_GAP));
  const columns = Math.min(loose.length, Math.max(1, besideWidth > 0 ? fitting : Math.ceil(Math.sqrt(loose.length * 1.5))));
  loose.forEach((node, index) => {
    const [row, column] = [Math.floor(index / columns), index % columns];
    grid.set(node.id, { x: column * (cellWidth + LOOSE_GAP), y: top + row * (cellHeight + LOOSE_GAP), width: cellWidth, height: node.height });
  });
  return grid;
}

/** Depth-first search from the sources; an edge back into the search stack closes a cycle and is turned around. */
function breakCycles(ids: readonly string[], links: readonly LayoutLink[]): Set<number> {
  const outgoing = new Map<string, number[]>(ids.map((id) => [id, []]));
  links.forEach((link, index) => {
    if (link.from !== link.to && outgoing.has(link.to)) outgoing.get(link.from)?.push(index);
  });
  for (const list of outgoing.values()) list.sort((a, b) => Number(links[b]!.primary) - Number(links[a]!.primary) || a - b);
  const hasIncoming = new Set(links.filter((link) => link.from !== link.to).map((link) => link.to));
  const state = new Map<string, 'open' | 'done'>();
  const reversed = new Set<number>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const index of outgoing.get(id) ?? []) {
      const next = links[index]!.to;
      if (state.get(next) === 'open') reversed.add(index);
      else if (!state.has(next)) visit(next);
    }
    state.set(id, 'done');
  };
  for (const id of [...ids.filter((id) => !hasIncoming.has(id)), ...ids]) if (!state.has(id)) visit(id);
  return reversed;
}

/** Longest path from the sources; then each source moves right next to its nearest callee, so its edges stay short. */
function assignLayers(ids: readonly string[], links: readonly LayoutLink[], reversed: ReadonlySet<number>): Map<string, number> {
  const edges = links.flatMap((link, index) => {
    if (link.from === link.to || !ids.includes(link.from) || !ids.includes(link.to)) return [];
    return [reversed.has(index) ? { from: link.to, to: link.from } : { from: link.from, to: link.to }];
  });
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // Relaxation converges in at most |V| rounds on a DAG; fine for the few dozen services of a system.
  for (let round = 0, changed = true; changed && round <= ids.length; round++) {
    changed = false;
    for (const edge of edges) {
      if (layer.get(edge.to)! < layer.get(edge.from)! + 1) {
        layer.set(edge.to, layer.get(edge.from)! + 1);
        changed = true;
      }
    }
  }
  const hasIncoming = new Set(edges.map((edge) => edge.to));
  for (const id of ids) {
    const callees = edges.filter((edge) => edge.from === id).map((edge) => layer.get(edge.to)!);
    if (!hasIncoming.has(id) && callees.length > 0) layer.set(id, Math.min(...callees) - 1);
  }
  return layer;
}

/** Barycenter sweeps: each vertex moves towards the average position of its neighbours in the layer before (or after). */
function orderLayers(layers: Vertex[][], segments: readonly Segment[]): void {
  const predecessors = new Map<Vertex, Vertex[]>();
  const successors = new Map<Vertex, Vertex[]>();
  for (const segment of segments) {
    predecessors.set(segment.to, [...(predecessors.get(segment.to) ?? []), segment.from]);
    successors.set(segment.from, [...(successors.get(segment.from) ?? []), segment.to]);
  }
  const sweep = (layer: Vertex[], neighbours: Map<Vertex, Vertex[]>, reference: Vertex[]): void => {
    const position = new Map(reference.map((vertex, index) => [vertex, index]));
    const current = new Map(layer.map((vertex, index) => [vertex, index]));
    const weight = (vertex: Vertex): number => {
      const linked = (neighbours.get(vertex) ?? []).filter((other) => position.has(other));
      if (linked.length === 0) return current.get(vertex)! * (reference.length / Math.max(1, layer.length));
      return linked.reduce((sum, other) => sum + position.get(other)!, 0) / linked.length;
    };
    const weights = new Map(layer.map((vertex) => [vertex, weight(vertex)]));
    layer.sort((a, b) => weights.get(a)! - weights.get(b)! || current.get(a)! - current.get(b)!);
  };
  for (let round = 0; round < 6; round++) {
    for (let layer = 1; layer < layers.length; layer++) sweep(layers[layer]!, predecessors, layers[layer - 1]!);
    for (let layer = layers.length - 2; layer >= 0; layer--) sweep(layers[layer]!, successors, layers[layer + 1]!);
  }
}

/**
 * Each vertex moves towards the mean height of its neighbours, keeping its layer's order and the gaps between boxes.
 * Returns the height the rows take.
 */
function placeVertically(layers: Vertex[][], segments: readonly Segment[], gapScale: number): number {
  const neighbours = new Map<Vertex, Vertex[]>();
  for (const segment of segments) {
    neighbours.set(segment.to, [...(neighbours.get(segment.to) ?? []), segment.from]);
    neighbours.set(segment.from, [...(neighbours.get(segment.from) ?? []), segment.to]);
  }
  const gapBetween = (a: Vertex, b: Vertex): number => (a.dummy || b.dummy ? DUMMY_GAP : NODE_GAP) * gapScale;
  for (const layer of layers) {
    let y = 0;
    layer.forEach((vertex, index) => {
      if (index > 0) y += gapBetween(layer[index - 1]!, vertex);
      vertex.y = y;
      y += vertex.height;
    });
  }
  const tallest = Math.max(0, ...layers.map(extent));
  for (const layer of layers) for (const vertex of layer) vertex.y += (tallest - extent(layer)) / 2;
  for (let round = 0; round < 8; round++) {
    const order = round % 2 === 0 ? layers : [...layers].reverse();
    for (const layer of order) {
      const desired = layer.map((vertex) => {
        const linked = neighbours.get(vertex) ?? [];
        if (linked.length === 0) return vertex.y;
        const centre = linked.reduce((sum, other) => sum + other.y + other.height / 2, 0) / linked.length;
        return centre - vertex.height / 2;
      });
      const tops = placeInOrder(desired, layer.map((vertex) => vertex.height), layer.slice(1).map((vertex, index) => gapBetween(layer[index]!, vertex)));
      layer.forEach((vertex, index) => (vertex.y = tops[index]!));
    }
  }
  const all = layers.flat();
  return all.length === 0 ? 0 : Math.max(...all.map((vertex) => vertex.y + vertex.height)) - Math.min(...all.map((vertex) => vertex.y));
}

function extent(layer: readonly Vertex[]): number {
  if (layer.length === 0) return 0;
  const last = layer[layer.length - 1]!;
  return last.y + last.height - layer[0]!.y;
}

/** Where each link leaves and enters a box: spread along the side, ordered by the other end so the lines do not cross. */
function portPositions(segments: readonly Segment[], boxes: ReadonlyMap<string, Box>): Map<string, Point> {
  const ports = new Map<string, Point>();
  const sides = new Map<string, Array<{ key: string; otherY: number; link: number }>>();
  const add = (side: string, entry: { key: string; otherY: number; link: number }): void => {
    sides.set(side, [...(sides.get(side) ?? []), entry]);
  };
  // The step index within a link's chain identifies a port: `link:step`.
  const stepOf = new Map<Segment, number>();
  const counter = new Map<number, number>();
  for (const segment of segments) {
    const step = counter.get(segment.link) ?? 0;
    stepOf.set(segment, step);
    counter.set(segment.link, step + 1);
  }
  for (const segment of segments) {
    const step = stepOf.get(segment)!;
    if (!segment.from.dummy) add(`right:${segment.from.id}`, { key: `${segment.link}:${step}`, otherY: segment.to.y + segment.to.height / 2, link: segment.link });
    if (!segment.to.dummy) add(`left:${segment.to.id}`, { key: `${segment.link}:${step + 1}`, otherY: segment.from.y + segment.from.height / 2, link: segment.link });
  }
  for (const [side, entries] of sides) {
    const separator = side.indexOf(':');
    const box = boxes.get(side.slice(separator + 1))!;
    const right = side.slice(0, separator) === 'right';
    entries.sort((a, b) => a.otherY - b.otherY || a.link - b.link);
    const spacing = entries.length > 1 ? Math.min(18, (box.height - 14) / (entries.length - 1)) : 0;
    entries.forEach((entry, index) => {
      ports.set(entry.key, { x: right ? box.x + box.width : box.x, y: box.y + box.height / 2 + (index - (entries.length - 1) / 2) * spacing });
    });
  }
  return ports;
}

function selfLoop(box: Box, link: LayoutLink, labels: Box[], nodes: readonly Box[]): LinkGeometry {
  const [start, end] = [box.x + box.width * 0.7, box.x + box.width * 0.3];
  const top = box.y - SELF_LOOP_RISE;
  const path = `M${fmt(start)},${fmt(box.y)} C${fmt(start)},${fmt(top)} ${fmt(end)},${fmt(top)} ${fmt(end)},${fmt(box.y)}`;
  if (!link.label) return { path };
  const label = placeLabel([{ x: start, y: top }, { x: end, y: top }], link.label, { labels, nodes, lines: [] });
  labels.push(label);
  return { path, label };
}

function boundsOf(boxes: readonly Box[], geometries: readonly LinkGeometry[]): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const box of boxes) xs.push(box.x, box.x + box.width), ys.push(box.y, box.y + box.height);
  for (const geometry of geometries) {
    for (const match of geometry.path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) xs.push(Number(match[1])), ys.push(Number(match[2]));
  }
  if (xs.length === 0) return { x: 0, y: 0, width: 2 * MARGIN + 200, height: 2 * MARGIN + 60 };
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { x: minX - MARGIN, y: minY - MARGIN, width: maxX - minX + 2 * MARGIN, height: maxY - minY + 2 * MARGIN };
}
