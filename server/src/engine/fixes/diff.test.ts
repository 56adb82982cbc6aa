import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiff } from './diff.js';

const ROOT = path.resolve('/ws/shop');
const FILE = path.join(ROOT, 'services/orders/src/app.ts');

describe('createDiff', () => {
  it('writes a git-style unified diff with root-relative a/ and b/ paths', () => {
    expect(createDiff(FILE, 'one\ntwo\nthree\n', 'one\n2\nthree\n', ROOT)).toBe(
      ['--- a/services/orders/src/app.ts', '+++ b/services/orders/src/app.ts', '@@ -1,3 +1,3 @@', ' one', '-two', '+2', ' three', ''].join('\n'),
    );
  });

  it('keeps CRLF line endings in the diff lines', () => {
    expect(createDiff(FILE, 'a\r\nb\r\n', 'a\r\nB\r\n', ROOT)).toContain('\n-b\r\n+B\r\n');
  });

  it('diffs a created file against /dev/null, and nothing for unchanged text', () => {
    expect(createDiff(FILE, undefined, 'new\n', ROOT)).toBe(
      ['--- /dev/null', '+++ b/services/orders/src/app.ts', '@@ -0,0 +1,1 @@', '+new', ''].join('\n'),
    );
    expect(createDiff(FILE, 'same', 'same', ROOT)).toBe('');
  });
});
