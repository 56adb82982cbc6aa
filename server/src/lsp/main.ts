// The language server's entry point. This first version analyzes the whole workspace on open, save and change
// (debounced) and pushes diagnostics; pull diagnostics, code actions, hover and incremental analysis come with the
// language-server issue.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { analyze } from '../engine/analyze.js';
import { toDiagnostics } from './diagnostics.js';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let workspaceRoot: string | undefined;
let timer: NodeJS.Timeout | undefined;
const published = new Set<string>();

connection.onInitialize((params) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  workspaceRoot = folder ? fileURLToPath(folder) : undefined;
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
});

function scheduleAnalysis(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void runAnalysis(), 250);
}

async function runAnalysis(): Promise<void> {
  if (!workspaceRoot) return;
  try {
    const result = await analyze({ paths: [workspaceRoot] });
    const byUri = toDiagnostics(result);
    for (const uri of published) if (!byUri.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const [uri, diagnostics] of byUri) {
      connection.sendDiagnostics({ uri, diagnostics });
      published.add(uri);
    }
  } catch (error) {
    // Never die on user code or config: say what happened and keep serving.
    connection.console.error(`seamlint: ${error instanceof Error ? error.message : String(error)}`);
  }
}

documents.onDidOpen(scheduleAnalysis);
documents.onDidSave(scheduleAnalysis);
connection.onInitialized(scheduleAnalysis);
documents.listen(connection);
connection.listen();
