// The lines of the layered drawing and the labels on them: one curve shape (horizontal tangents at both ends), the
// points along it, and where a label fits along its line without covering a box, another label or another line.

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Smooth curves across the gaps between columns (horizontal tangents at both ends), straight lines through columns. */
export function pathData(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const parts = [`M${fmt(points[0]!.x)},${fmt(points[0]!.y)}`];
  for (let index = 1; index < points.length; index++) {
    const [a, b] = [points[index - 1]!, points[index]!];
    if (a.y === b.y) parts.push(`L${fmt(b.x)},${fmt(b.y)}`);
    else {
      const middle = (a.x + b.x) / 2;
      parts.push(`C${fmt(middle)},${fmt(a.y)} ${fmt(middle)},${fmt(b.y)} ${fmt(b.x)},${fmt(b.y)}`);
    }
  }
  return parts.join(' ');
}

function pointOn(a: Point, b: Point, t: number): Point {
  if (a.y === b.y) return { x: a.x + (b.x - a.x) * t, y: a.y };
  // The cubic of pathData with control points (mid, a.y) and (mid, b.y).
  const middle = (a.x + b.x) / 2;
  const u = 1 - t;
  const blend = (p0: number, c1: number, c2: number, p1: number): number => u * u * u * p0 + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * p1;
  return { x: blend(a.x, middle, middle, b.x), y: blend(a.y, a.y, b.y, b.y) };
}

// Along the line: the middle first, then towards either end; across it: on the line, then just above or below it.
const LABEL_POSITIONS = [0.5, 0.35, 0.65, 0.2, 0.8];
const LABEL_OFFSETS = [0, -0.65, 0.65, -1.2, 1.2];

export interface LabelObstacles {
  labels: readonly Box[];
  nodes: readonly Box[];
  /** Points along the other links' lines. */
  lines: readonly Point[];
}

/**
 * The first spot along the link, from the middle outwards, where the label covers no box, no other label and no other
 * line; failing that, one that covers only lines; failing that, the middle slid up or down until clear.
 */
export function placeLabel(points: readonly Point[], size: { width: number; height: number }, avoid: LabelObstacles): Box {
  const candidates: Box[] = [];
  for (let index = 1; index < points.length; index++) {
    for (const offset of LABEL_OFFSETS) {
      for (const t of LABEL_POSITIONS) {
        const at = pointOn(points[index - 1]!, points[index]!, t);
        candidates.push({ x: at.x - size.width / 2, y: at.y - size.height / 2 + offset * size.height, width: size.width, height: size.height });
      }
    }
  }
  const clearOfBoxes = (box: Box): boolean => ![...avoid.labels, ...avoid.nodes].some((other) => overlaps(box, other, 3));
  const clearOfLines = (box: Box): boolean => !avoid.lines.some((point) => overlaps(box, { ...point, width: 0, height: 0 }, 2));
  const found = candidates.find((box) => clearOfBoxes(box) && clearOfLines(box)) ?? candidates.find(clearOfBoxes);
  if (found) return found;
  const base = candidates[0]!;
  for (let step = 1; step <= 40; step++) {
    const shift = Math.ceil(step / 2) * (size.height + 4) * (step % 2 === 1 ? 1 : -1);
    const moved = { ...base, y: base.y + shift };
    if (clearOfBoxes(moved)) return moved;
  }
  return base;
}

export function sampleRoute(points: readonly Point[]): Point[] {
  const samples: Point[] = [];
  for (let index = 1; index < points.length; index++) {
    for (let step = 0; step <= 20; step++) samples.push(pointOn(points[index - 1]!, points[index]!, step / 20));
  }
  return samples;
}

export function overlaps(a: Box, b: Box, padding = 0): boolean {
  return a.x < b.x + b.width + padding && b.x < a.x + a.width + padding && a.y < b.y + b.height + padding && b.y < a.y + a.height + padding;
}

export function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
