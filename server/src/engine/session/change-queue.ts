// What changed since the last analysis, recorded as it is reported (editor text, file events, option changes) and
// applied by the next `analyze`. Recording is synchronous and cheap, so typing never waits for analysis.
import { statSync } from 'node:fs';
import { sep } from 'node:path';
import type { FileClassifier } from './file-kinds.js';
import type { FileEvent } from './types.js';

export class ChangeQueue {
  /** Source files the session should hold: discovered, plus created and opened ones, minus deleted ones. */
  readonly sources = new Set<string>();
  /** Unsaved editor text, which wins over the disk. */
  private readonly overlays = new Map<string, string>();
  private configOverlay: string | undefined;
  private readonly reads = new Set<string>();
  private readonly removals = new Set<string>();
  configStale = false;
  workspaceStale = false;

  constructor(
    private classifier: FileClassifier,
    private readonly configFile: () => string,
  ) {}

  setClassifier(classifier: FileClassifier): void {
    this.classifier = classifier;
  }

  get pending(): boolean {
    return this.configStale || this.workspaceStale || this.reads.size > 0 || this.removals.size > 0;
  }

  overlayOf(path: string): string | undefined {
    return path === this.configFile() ? this.configOverlay : this.overlays.get(path);
  }

  /** The editor's text for a file. False when the session does not analyze such a file. */
  updateFile(path: string, text: string): boolean {
    if (path === this.configFile()) {
      this.configOverlay = text;
      this.configStale = true;
      return true;
    }
    if (!this.sources.has(path) && this.classifier.kindOf(path) !== 'source') return false;
    this.overlays.set(path, text);
    this.sources.add(path);
    this.removals.delete(path);
    this.reads.add(path);
    return true;
  }

  /** The editor let go of the file: the disk's text counts again. */
  revertFile(path: string): void {
    if (path === this.configFile()) {
      if (this.configOverlay !== undefined) this.configStale = true;
      this.configOverlay = undefined;
    } else if (this.overlays.delete(path) && this.sources.has(path)) this.reads.add(path);
  }

  /** The config file moved (a new config path setting): an unsaved text of the old one no longer applies. */
  configFileMoved(): void {
    this.configOverlay = undefined;
    this.configStale = true;
  }

  notifyFileEvents(events: readonly FileEvent[]): void {
    for (const { path, type } of events) {
      if (path === this.configFile()) {
        this.configStale = true;
        continue;
      }
      const kind = this.classifier.kindOf(path);
      if (kind === 'manifest') this.workspaceStale = true;
      else if (kind === 'source' && type !== 'deleted') {
        if (this.overlays.has(path)) continue;
        this.sources.add(path);
        this.removals.delete(path);
        this.reads.add(path);
      } else if (type === 'deleted') {
        // A file, or a folder (watchers report a deleted folder once, not each file in it).
        for (const known of this.sources) {
          if (known !== path && !known.startsWith(path + sep)) continue;
          this.overlays.delete(known);
          this.reads.delete(known);
          this.removals.add(known);
        }
      } else if (type === 'created' && isDirectory(path)) this.workspaceStale = true;
    }
  }

  /** Discover again and re-read every file the editor does not hold. */
  rescan(): void {
    this.configStale = true;
    this.workspaceStale = true;
    for (const path of this.sources) if (!this.overlays.has(path)) this.reads.add(path);
  }

  /** A fresh discovery's source files: new ones are read, vanished ones (not open in the editor) removed. */
  discovered(sourceFiles: readonly string[]): void {
    const discovered = new Set(sourceFiles);
    for (const path of this.sources) if (!discovered.has(path) && !this.overlays.has(path)) this.removals.add(path);
    for (const path of discovered) {
      if (this.sources.has(path)) continue;
      this.sources.add(path);
      this.reads.add(path);
    }
  }

  takeRemovals(): string[] {
    const removed = [...this.removals];
    this.removals.clear();
    for (const path of removed) {
      this.sources.delete(path);
      this.reads.delete(path);
    }
    return removed;
  }

  /** Files to read, in a stable order; each is taken with `takeRead` as it is processed (a cancelled run leaves the rest). */
  readsDue(): string[] {
    return [...this.reads].sort();
  }

  takeRead(path: string): void {
    this.reads.delete(path);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
