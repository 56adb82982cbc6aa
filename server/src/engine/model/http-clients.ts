// HTTP client instances created in one module and used in another (`export const paymentsApi = axios.create(…)`).
// A single file cannot tell whether an imported `paymentsApi.post('/x')` is an HTTP client; the exporting module can.
import type { HttpClientFact } from '../facts/types.js';
import type { AnalyzedFile, ResolvedImport } from './types.js';

const MAX_REEXPORT_DEPTH = 4;

export function importedHttpClient(
  from: AnalyzedFile,
  imported: { specifier: string; name: string },
  host: { file(path: string): AnalyzedFile | undefined; resolveImport(fromFile: string, specifier: string): ResolvedImport | undefined },
  depth = 0,
): { file: AnalyzedFile; client: HttpClientFact } | undefined {
  if (depth > MAX_REEXPORT_DEPTH) return undefined;
  const target = host.resolveImport(from.path, imported.specifier)?.file;
  const file = target ? host.file(target) : undefined;
  if (!file) return undefined;
  const own = file.facts.httpClients.find((client) => client.kind === 'instance' && client.exportedAs?.includes(imported.name));
  if (own) return { file, client: own };
  for (const reexport of file.facts.exports) {
    if (reexport.kind !== 're-export' || !reexport.from || (reexport.name !== imported.name && reexport.name !== '*')) continue;
    const found = importedHttpClient(file, { specifier: reexport.from, name: imported.name }, host, depth + 1);
    if (found) return found;
  }
  return undefined;
}
