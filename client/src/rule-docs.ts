// "seamlint: Explain rule": a rule's documentation (rules/docs/<id>.md, shipped in the extension) as a markdown preview.
// Called with a rule id (the server's "Show documentation" code action) or from the palette with a quick pick.
import * as vscode from 'vscode';

interface RuleDoc {
  id: string;
  uri: vscode.Uri;
}

export class RuleDocs {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async explain(argument?: unknown): Promise<void> {
    const requested = ruleIdOf(argument);
    const docs = await this.list();
    const doc = requested === undefined ? await this.pick(docs) : docs.find((candidate) => candidate.id === requested);
    if (requested !== undefined && doc === undefined) {
      void vscode.window.showErrorMessage(`seamlint: there is no rule named "${requested}".`);
      return;
    }
    if (doc) await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  }

  async list(): Promise<RuleDoc[]> {
    const folder = vscode.Uri.joinPath(this.extensionUri, 'rules', 'docs');
    const entries = await vscode.workspace.fs.readDirectory(folder);
    return entries
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
      .map(([name]) => ({ id: name.slice(0, -'.md'.length), uri: vscode.Uri.joinPath(folder, name) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private async pick(docs: RuleDoc[]): Promise<RuleDoc | undefined> {
    const items = await Promise.all(docs.map(async (doc) => ({ label: doc.id, description: await summary(doc.uri), doc })));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which rule?', matchOnDescription: true });
    return picked?.doc;
  }
}

/** The docs' second line, `**Category:** x · **Default severity:** y · **Fix:** z`, without the markdown. */
async function summary(uri: vscode.Uri): Promise<string> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const line = text.split('\n').find((candidate) => candidate.startsWith('**Category:**'));
    return line?.replace(/\*\*/g, '') ?? '';
  } catch {
    return '';
  }
}

// Code actions pass the id as a string; a command link may pass { ruleId }. Anything else asks.
function ruleIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument !== '') return argument;
  if (typeof argument === 'object' && argument !== null) {
    const ruleId = (argument as Record<string, unknown>).ruleId;
    if (typeof ruleId === 'string' && ruleId !== '') return ruleId;
  }
  return undefined;
}
