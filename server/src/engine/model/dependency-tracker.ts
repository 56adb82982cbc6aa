// Which files a computation read, so an editor session can keep its result for the next model when none of them
// changed. A computation opens a frame; every file it reads through a TrackedFiles map is recorded in the innermost
// frame, and a closed frame's files count for the frame around it. Memoized results carry the files recorded when they
// were computed, and replay them on every hit. A result that saw an unfinished computation (recursion) or walked every
// file cannot say what it depends on: its frame is marked, and such results are never kept across models.
import type { AnalyzedFile } from './types.js';

export interface Dependencies {
  files: ReadonlySet<string>;
  /** True when the result cannot be trusted outside the model it was computed in. */
  unbounded: boolean;
}

const NONE: Dependencies = { files: new Set(), unbounded: false };

export class DependencyTracker {
  private readonly frames: Array<{ files: Set<string>; unbounded: boolean }> = [];

  get active(): boolean {
    return this.frames.length > 0;
  }

  begin(): void {
    this.frames.push({ files: new Set(), unbounded: false });
  }

  /** Closes the innermost frame; what it recorded also counts for the frame around it. */
  end(): Dependencies {
    const frame = this.frames.pop();
    if (!frame) return NONE;
    const outer = this.frames.at(-1);
    if (outer) {
      for (const file of frame.files) outer.files.add(file);
      if (frame.unbounded) outer.unbounded = true;
    }
    return frame;
  }

  read(path: string): void {
    this.frames.at(-1)?.files.add(path);
  }

  /** A memoized result was used: what it depended on, the user now depends on. */
  replay(dependencies: Dependencies): void {
    const frame = this.frames.at(-1);
    if (!frame) return;
    for (const file of dependencies.files) frame.files.add(file);
    if (dependencies.unbounded) frame.unbounded = true;
  }

  markUnbounded(): void {
    const frame = this.frames.at(-1);
    if (frame) frame.unbounded = true;
  }
}

/** The model's files, recording each read in the tracker's innermost frame. */
export class TrackedFiles implements ReadonlyMap<string, AnalyzedFile> {
  constructor(
    private readonly files: ReadonlyMap<string, AnalyzedFile>,
    private readonly tracker: DependencyTracker,
  ) {}

  get size(): number {
    return this.files.size;
  }

  get(path: string): AnalyzedFile | undefined {
    this.tracker.read(path);
    return this.files.get(path);
  }

  has(path: string): boolean {
    this.tracker.read(path);
    return this.files.has(path);
  }

  // Walking every file depends on every file, including ones not there yet.
  entries(): MapIterator<[string, AnalyzedFile]> {
    this.tracker.markUnbounded();
    return this.files.entries();
  }

  keys(): MapIterator<string> {
    this.tracker.markUnbounded();
    return this.files.keys();
  }

  values(): MapIterator<AnalyzedFile> {
    this.tracker.markUnbounded();
    return this.files.values();
  }

  forEach(callback: (value: AnalyzedFile, key: string, map: ReadonlyMap<string, AnalyzedFile>) => void): void {
    this.tracker.markUnbounded();
    this.files.forEach((value, key) => callback(value, key, this));
  }

  [Symbol.iterator](): MapIterator<[string, AnalyzedFile]> {
    return this.entries();
  }
}
