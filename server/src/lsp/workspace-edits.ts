// Engine edits (offsets into the analyzed text, keyed by path) → an LSP WorkspaceEdit. An edit is only offered while
// the text it was computed from is what the editor holds: otherwise its offsets would land in the wrong place.
import { existsSync } from 'node:fs';
import type { CreateFile, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { WorkspaceSession } from '../engine/session/index.js';
import type { LineMap } from '../engine/text.js';
import type { TextEdit } from '../engine/types.js';
import type { ServerContext } from './context.js';
import { readLines } from './diagnostics.js';

export function toWorkspaceEdit(context: ServerContext, session: WorkspaceSession, editsByFile: Record<string, readonly TextEdit[]>): WorkspaceEdit | undefined {
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [path, edits] of Object.entries(editsByFile)) {
    if (edits.length === 0) continue;
    const uri = context.uris.uriOf(path);
    const open = context.documents.get(uri);
    const analyzed = session.file(path);
    if (open && analyzed && open.getText() !== analyzed.text) return undefined;
    const creates = !analyzed && !open && !existsSync(path);
    const lines: LineMap | undefined = analyzed?.lines ?? readLines(path);
    if (!lines && !creates) return undefined;
    const lspEdits = edits.map((edit) => ({
      range: lines ? { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: edit.newText,
    }));
    if (creates) documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri, version: open?.version ?? null }, edits: lspEdits });
    changes[uri] = lspEdits;
  }
  if (Object.keys(changes).length === 0) return undefined;
  // Versioned edits let the client refuse an edit made for text it no longer has.
  return context.client.documentChanges ? { documentChanges } : { changes };
}
