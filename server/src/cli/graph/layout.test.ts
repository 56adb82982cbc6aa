import { describe, expect, it } from 'vitest';
import { layoutGraph, overlaps, type Box, type LayoutLink, type LayoutNode } from './layout.js';
import { placeInOrder } from './layout-place.js';

const node = (id: string, width = 120): LayoutNode => ({ id, width, height: 50 });
const link = (from: string, to: string, label = `${from}→${to}`, primary = true): LayoutLink => ({ from, to, primary, label: { width: 8 * label.length, height: 20 } });

function columnOf(box: Box, boxes: Box[]): number {
  return [...new Set(boxes.map((other) => other.x))].sort((a, b) => a - b).indexOf(box.x);
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

describe('layoutGraph', () => {
  const nodes = ['gateway', 'orders', 'inventory', 'pricing', 'payments', 'notifications'].map((id) => node(id));
  const links = [
    link('gateway', 'orders'),
    link('gateway', 'inventory'),
    link('gateway', 'payments'),
    link('orders', 'inventory'),
    link('inventory', 'pricing'),
    link('orders', 'payments'),
    link('payments', 'orders'),
    link('orders', 'notifications', 'order.placed', false),
    link('payments', 'notifications', 'payment.failed', false),
  ];
  const layout = layoutGraph(nodes, links);
  const boxes = [...layout.nodes.values()];

  it('puts callers left of callees, breaking the cycle at one edge', () => {
    const column = (id: string): number => columnOf(layout.nodes.get(id)!, boxes);
    expect(column('gateway')).toBe(0);
    expect(column('orders')).toBeLessThan(column('inventory'));
    expect(column('inventory')).toBeLessThan(column('pricing'));
    expect(column('orders')).toBeLessThan(column('payments'));
  });

  it('draws every link, with no two boxes, labels or box and label overlapping, all inside the bounds', () => {
    expect(layout.links.every((geometry) => /^M[\d.-]+,[\d.-]+ [CL]/.test(geometry.path))).toBe(true);
    const labels = layout.links.map((geometry) => geometry.label!);
    expect(labels.every(Boolean)).toBe(true);
    const all = [...boxes, ...labels];
    for (let a = 0; a < all.length; a++) for (let b = a + 1; b < all.length; b++) expect(overlaps(all[a]!, all[b]!), `${a} and ${b}`).toBe(false);
    for (const box of all) expect(inside(box, layout.bounds)).toBe(true);
  });

  it('is deterministic', () => {
    expect(layoutGraph(nodes, links)).toEqual(layout);
  });

  it('routes a link that spans columns around the boxes in between', () => {
    const long = layoutGraph([node('a'), node('b'), node('c'), node('d')], [link('a', 'b'), link('b', 'c'), link('a', 'c'), link('c', 'd'), link('a', 'd')]);
    const middle = long.nodes.get('b')!;
    // The a → c path crosses b's column at a height outside b's box.
    const numbers = [...long.links[2]!.path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));
    const inColumn = numbers.filter((point) => point.x >= middle.x && point.x <= middle.x + middle.width);
    expect(inColumn.length).toBeGreaterThan(0);
    for (const point of inColumn) expect(point.y < middle.y || point.y > middle.y + middle.height).toBe(true);
  });

  it('copes with nothing, a lone service, a self-call and a link to an unknown service', () => {
    expect(layoutGraph([], []).links).toEqual([]);
    const lone = layoutGraph([node('a')], [link('a', 'a'), link('a', 'ghost')]);
    expect(lone.links[0]!.path).toMatch(/^M/);
    expect(lone.links[1]!.path).toBe('');
    expect(inside(lone.nodes.get('a')!, lone.bounds)).toBe(true);
  });
});

describe('services with no arrow', () => {
  it('sit in a grid of about 3:2 when nothing is connected', () => {
    const layout = layoutGraph(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => node(id)), []);
    const boxes = [...layout.nodes.values()];
    expect(new Set(boxes.map((box) => box.x)).size).toBe(3);
    expect(new Set(boxes.map((box) => box.y)).size).toBe(2);
    for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) expect(overlaps(boxes[a]!, boxes[b]!)).toBe(false);
  });

  it('sit under the drawing of the connected ones', () => {
    const layout = layoutGraph([node('a'), node('b'), node('lonely')], [link('a', 'b')]);
    const drawingBottom = Math.max(layout.nodes.get('a')!.y + 50, layout.links[0]!.label!.y + 20);
    expect(layout.nodes.get('lonely')!.y).toBeGreaterThan(drawingBottom);
    expect(inside(layout.nodes.get('lonely')!, layout.bounds)).toBe(true);
  });
});

describe('placeInOrder', () => {
  it('keeps wishes that fit and pushes crowded ones apart evenly around their mean', () => {
    expect(placeInOrder([0, 100], [10, 10], [5])).toEqual([0, 100]);
    expect(placeInOrder([50, 50], [10, 10], [10])).toEqual([40, 60]);
    expect(placeInOrder([0, 0, 0], [10, 10, 10], [0, 0])).toEqual([-10, 0, 10]);
  });
});
