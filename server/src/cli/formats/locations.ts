// Offsets → the 1-based line/column every output format uses, and paths relative to a base with forward slashes.
import * as path from 'node:path';
import { LineMap } from '../../engine/text.js';

export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  /** Exclusive: the column just after the last character, as ESLint's endColumn and SARIF's region.endColumn. */
  endColumn: number;
}

/** Converts offsets with one LineMap per file, built on first use. */
export class PositionResolver {
  private readonly maps = new Map<string, LineMap>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** The file's LineMap; a file the engine did not give us text for maps as empty, so every offset lands on 1:1. */
  lineMap(file: string): LineMap {
    let map = this.maps.get(file);
    if (!map) {
      map = new LineMap(this.texts.get(file) ?? '');
      this.maps.set(file, map);
    }
    return map;
  }

  range(file: string, start: number, end: number): OneBasedRange {
    const map = this.lineMap(file);
    const from = map.positionAt(start);
    const to = map.positionAt(Math.max(start, end));
    return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
  }
}

/** `file` relative to `base` with forward slashes ('.' for the base itself), as JSON, SARIF, JUnit and GitHub show paths. */
export function relativePosix(base: string, file: string): string {
  const relative = path.relative(base, file);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}
