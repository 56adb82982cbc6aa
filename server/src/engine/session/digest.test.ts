import { describe, expect, it } from 'vitest';
import { analyzeText } from '../analysis/load-files.js';
import { crossFileDigest } from './digest.js';

const digestOf = (text: string) => {
  const file = analyzeText('/ws', '/ws/services/a/src/x.ts', text);
  return crossFileDigest(file.text, file.facts);
};

const BASE = `import axios from 'axios';
const BASE_URL = 'http://inventory:3000';
export function total(items: number[]) {
  let sum = 0;
  for (const item of items) sum += item;
  return sum;
}
export const handler = async () => {
  const items = [1, 2];
  return total(items);
};
export async function getItem(sku: string) {
  const path = '/items/' + sku;
  return axios.get(BASE_URL + path, { timeout: 1000 });
}
`;

describe('crossFileDigest', () => {
  it('ignores edits inside bodies that hold only local code', () => {
    expect(digestOf(BASE.replace('let sum = 0;', 'let sum = 0; // start at zero\n  sum += 0;'))).toBe(digestOf(BASE));
  });

  it('ignores offsets that move (anonymous functions are named by their position)', () => {
    expect(digestOf(BASE.replace('const items = [1, 2];', 'const items = [1, 2, 3, 4, 5];'))).toBe(digestOf(BASE));
  });

  it('sees module-level code: constants other modules fold, exports, imports', () => {
    expect(digestOf(BASE.replace("'http://inventory:3000'", "'http://pricing:3000'"))).not.toBe(digestOf(BASE));
    expect(digestOf(BASE.replace('export function total', 'function total'))).not.toBe(digestOf(BASE));
  });

  it('sees the whole body of a function that makes a remote call', () => {
    expect(digestOf(BASE.replace("const path = '/items/' + sku;", "const path = '/products/' + sku;"))).not.toBe(digestOf(BASE));
  });

  it('sees calls added to a local body (the call graph follows them)', () => {
    expect(digestOf(BASE.replace('return total(items);', 'await getItem("x");\n  return total(items);'))).not.toBe(digestOf(BASE));
  });
});
