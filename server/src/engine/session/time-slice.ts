// Long analyses give the event loop back every few milliseconds, so the editor's next keystroke (or a cancellation)
// is seen while the work is still under way. The work itself is synchronous between these points.

/** Structurally the LSP CancellationToken, without depending on it: the engine speaks no protocol. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

const SLICE_MS = 15;

export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly token: CancellationToken | undefined) {}

  get cancelled(): boolean {
    return this.token?.isCancellationRequested === true;
  }

  /** Yields when the current slice is used up; true when the caller should stop (cancelled). */
  async pause(): Promise<boolean> {
    if (performance.now() - this.sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.sliceStart = performance.now();
    }
    return this.cancelled;
  }
}
