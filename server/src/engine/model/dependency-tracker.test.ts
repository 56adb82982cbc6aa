import { describe, expect, it } from 'vitest';
import { DependencyTracker, TrackedFiles } from './dependency-tracker.js';
import type { AnalyzedFile } from './types.js';

const file = (path: string) => ({ path }) as unknown as AnalyzedFile;

describe('DependencyTracker', () => {
  it('records reads in the innermost frame, and a closed frame counts for the one around it', () => {
    const tracker = new DependencyTracker();
    const files = new TrackedFiles(new Map([['/a', file('/a')], ['/b', file('/b')]]), tracker);
    files.get('/a'); // no frame: not recorded anywhere
    tracker.begin();
    files.get('/a');
    tracker.begin();
    files.get('/b');
    files.has('/missing');
    const inner = tracker.end();
    const outer = tracker.end();
    expect([...inner.files]).toEqual(['/b', '/missing']);
    expect([...outer.files].sort()).toEqual(['/a', '/b', '/missing']);
    expect(outer.unbounded).toBe(false);
    expect(tracker.active).toBe(false);
  });

  it('replays what a memoized result depended on', () => {
    const tracker = new DependencyTracker();
    tracker.begin();
    tracker.replay({ files: new Set(['/x']), unbounded: true });
    const frame = tracker.end();
    expect([...frame.files]).toEqual(['/x']);
    expect(frame.unbounded).toBe(true);
  });

  it('marks a frame that walked every file as unbounded, and its outer frames too', () => {
    const tracker = new DependencyTracker();
    const files = new TrackedFiles(new Map([['/a', file('/a')]]), tracker);
    tracker.begin();
    tracker.begin();
    expect([...files.values()]).toHaveLength(1);
    expect(tracker.end().unbounded).toBe(true);
    expect(tracker.end().unbounded).toBe(true);
  });
});
