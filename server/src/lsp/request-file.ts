// What a request about one document (code actions, code lenses, hover) works on: the session's analysis of that file,
// brought up to date first, and only when it is of the text the editor shows (in onSave mode unsaved edits make the
// analyzed text older, and its offsets would land in the wrong place).
import type { AnalyzedFile } from '../engine/model/types.js';
import type { CancellationToken, WorkspaceSession } from '../engine/session/index.js';
import type { ServerContext } from './context.js';

export interface RequestFile {
  path: string;
  session: WorkspaceSession;
  file: AnalyzedFile;
}

/** Undefined when there is no workspace, seamlint is disabled, or the analysis is not of the editor's text. */
export async function requestFile(context: ServerContext, uri: string, token: CancellationToken): Promise<RequestFile | undefined> {
  const path = context.uris.pathOf(uri);
  const session = await context.ready();
  if (!path || !session || !context.settings.enable) return undefined;
  await context.scheduler?.ensureFresh([path], token);
  const file = session.file(path);
  const open = context.documents.get(uri);
  if (!file || (open && open.getText() !== file.text)) return undefined;
  return { path, session, file };
}
