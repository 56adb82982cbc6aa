// Reading the JSON-with-comments files we own (config, baseline) with one-line, positioned syntax errors.
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineMap } from '../text.js';
import { ConfigError } from './config-error.js';

export interface JsonDocument {
  value: unknown;
  /** The syntax tree, to point errors at the offending node. */
  tree: Node | undefined;
}

// jsonc-parser's codes are identifiers ("CommaExpected"); people read sentences.
const SYNTAX_PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected content after the end of the document',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/**
 * Parses JSON with comments and trailing commas. Throws a ConfigError naming `displayName:line:column` of the first
 * syntax error, because a half-parsed config would silently drop settings.
 */
export function parseJsonDocument(text: string, file: string, displayName: string): JsonDocument {
  const errors: ParseError[] = [];
  const options = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };
  // jsonc-parser types its result as `any`: it is untrusted data, so we narrow it to unknown here.
  const value: unknown = parse(text, errors, options);
  const first = errors[0];
  if (first) {
    const { line, character } = new LineMap(text).positionAt(first.offset);
    const code = printParseErrorCode(first.error);
    const problem = SYNTAX_PROBLEMS[code] ?? code;
    throw new ConfigError(`${displayName}:${line + 1}:${character + 1}: invalid JSON: ${problem}`, '', {
      file,
      offset: first.offset,
      length: first.length,
    });
  }
  return { value, tree: parseTree(text, [], options) };
}
