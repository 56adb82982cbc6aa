// Git's object id for a file's content, computed in-process: a working-tree file whose id equals the base tree's entry
// is unchanged, so its facts are reused instead of reading and parsing the base version.
import { createHash } from 'node:crypto';

export function gitBlobId(text: string, format: 'sha1' | 'sha256'): string {
  const content = Buffer.from(text, 'utf8');
  return createHash(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}
