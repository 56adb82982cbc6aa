// Syntax trees. Parsing is cheap and needs no program; type checking is separate and on demand (see type-checker.ts).
import ts from 'typescript';

export function scriptKindFor(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * The syntax tree, or undefined when TypeScript's recursive-descent parser runs out of stack (about 800 nested
 * parentheses on Node's default stack): such a file is skipped rather than crashing the run.
 */
export function parseSourceFile(path: string, text: string): ts.SourceFile | undefined {
  try {
    // JSDoc is never read (suppressions are found in the text): not parsing it makes commented code cheaper.
    return ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, /* setParentNodes */ true, scriptKindFor(path));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
