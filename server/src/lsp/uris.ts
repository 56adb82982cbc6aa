// Document URIs ↔ engine paths. Only `file:` documents are analyzed (not untitled buffers, git diffs, notebooks).
// A URI the client sent is reused verbatim for that path: clients encode characters differently from Node
// (VS Code writes `%3A` and `%40`), and a diagnostic must land on the very document it is about.
import { fileURLToPath, pathToFileURL } from 'node:url';

export class Uris {
  private readonly fromClient = new Map<string, string>();

  /** The file path of a `file:` URI (remembered for the way back); undefined for any other scheme. */
  pathOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const path = fileURLToPath(uri);
      this.fromClient.set(path, uri);
      return path;
    } catch {
      return undefined;
    }
  }

  uriOf(path: string): string {
    return this.fromClient.get(path) ?? pathToFileURL(path).href;
  }
}
