import ts from 'typescript';
import type { RetryBoundEdit, RetryFact } from '../server/src/engine/facts/retry-types.js';
import type { AnalyzedFile } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import type { Fix, TextEdit } from '../server/src/engine/types.js';
import { addOptionEdits, nodeAt } from './support/http-calls.js';
import { describeRemoteCall, quote } from './support/remote-interactions.js';
import { handWrittenRetries, type HandWrittenRetry } from './support/retry-loops.js';

/** Why it hurts, in every message (rules.md: retrying forever turns one failing dependency into an infinite load generator and hides the failure). */
const CONSEQUENCE = 'a dependency that keeps failing turns this into an infinite load generator against it, and the failure stays hidden instead of surfacing';

export default defineRule({
  id: 'unbounded-retry',
  category: 'failure-handling',
  severity: 'error',
  fix: 'safe',
  description: 'Retries must stop: retrying forever turns one failing dependency into an infinite load generator and hides the failure.',
  options: {
    maxRetries: {
      type: 'number',
      default: 5,
      minimum: 1,
      description: 'The finite limit the fix writes (`retries`, `maxAttempts`, `attempts`, `numOfAttempts` or `max_deliver`).',
    },
  },
  check({ file, model, options, report }) {
    const limit = options.maxRetries;
    // Options shared through a constant are judged once per call using them: report the setting once.
    const reported = new Set<number>();
    for (const retry of file.facts.retries) {
      if (retry.bound !== 'infinite' && retry.bound !== 'missing') continue;
      const at = retry.optionSpan ?? retry;
      if (reported.has(at.start)) continue;
      reported.add(at.start);
      report(optionFinding(file, retry, limit));
    }
    // Every hand-written retry catches a failure: a file without `catch` has none, and is not parsed for nothing.
    if (!file.text.includes('catch')) return;
    for (const retry of handWrittenRetries(file, model)) report(handWrittenFinding(retry, describeRemoteCall(model, file, retry.call, retry.effects), limit));
  },
});

function optionFinding(file: AnalyzedFile, retry: RetryFact, limit: number): Report {
  const at = retry.optionSpan ?? retry;
  const setting = `${retry.option}: ${limit}`;
  const fix = retry.fix && fixFor(file, retry.fix, retry.option, limit);
  return { start: at.start, end: at.end, message: optionMessage(file, retry, setting), fixes: fix ? [fix] : [] };
}

function optionMessage(file: AnalyzedFile, retry: RetryFact, setting: string): string {
  const text = (span: { start: number; end: number }) => quote(file.text.slice(span.start, span.end));
  if (retry.bound === 'missing') {
    const call = text(retry);
    const shown = call.includes('(') ? `${call.slice(0, call.indexOf('('))}(…)` : call;
    return `\`${shown}\` sets no \`${retry.option}\`, so ${retry.library} retries forever: ${CONSEQUENCE}. Add \`${setting}\` and let the last error reach the caller.`;
  }
  const written = `\`${text(retry.optionSpan ?? retry)}\``;
  switch (retry.subject) {
    case 'job':
      return `${written} makes ${retry.library} re-run a failing job forever: a job that can never succeed becomes an infinite load generator against what it calls, and the failure stays hidden instead of surfacing. Set a finite limit (\`${setting}\`) so the job ends up failed, where a person can see it.`;
    case 'message':
      return `${written} makes ${retry.library} redeliver a failing message forever: a poison message becomes an infinite load generator against its consumer and what it calls, and the failure stays hidden instead of surfacing. Set a finite limit (\`${setting}\`) and dead-letter what still fails, where a person can inspect and replay it.`;
    default: {
      const what = retry.retried ? ` \`${text(retry.retried)}\`` : '';
      return `${written} makes ${retry.library} retry${what} forever: ${CONSEQUENCE}. Set a finite limit (\`${setting}\`) and let the last error reach the caller.`;
    }
  }
}

function handWrittenFinding(retry: HandWrittenRetry, call: string, limit: number): Report {
  const advice =
    retry.kind === 'loop'
      ? `Count the attempts and rethrow after a few (\`if (++attempt >= ${limit}) throw error;\`), or use a retry helper with a finite limit.`
      : `Pass an attempt count, and rethrow once it reaches a limit (\`if (attempt >= ${limit}) throw error;\`), or use a retry helper with a finite limit.`;
  const subject = retry.kind === 'loop' ? `\`${retry.label}\` retries \`${call}\`` : `\`${retry.label}\` calls itself again`;
  const when = retry.kind === 'loop' ? 'whenever it fails' : `whenever \`${call}\` fails`;
  return {
    start: retry.start,
    end: retry.end,
    message: `${subject} ${when}, with no limit: ${CONSEQUENCE}. ${advice}`,
  };
}

/** The fact's edits, each writing `limit`: one safe fix (it only replaces "forever" with a bound). */
function fixFor(file: AnalyzedFile, edits: readonly RetryBoundEdit[], option: string, limit: number): Fix | undefined {
  const textEdits: TextEdit[] = [];
  for (const edit of edits) {
    const made = textEditsFor(file, edit, limit);
    if (!made) return undefined;
    textEdits.push(...made);
  }
  return { title: `Limit the retries: \`${option}: ${limit}\``, kind: 'safe', edits: { [file.path]: textEdits } };
}

function textEditsFor(file: AnalyzedFile, edit: RetryBoundEdit, limit: number): TextEdit[] | undefined {
  switch (edit.kind) {
    case 'set-value':
      return [{ ...edit.span, newText: String(limit) }];
    case 'write-option':
      return [{ ...edit.span, newText: `${edit.option}: ${limit}` }];
    case 'add-option': {
      return addOptionEdits(file, edit.slot, `${edit.option}: ${limit}`);
    }
    case 'remove-property':
      return removePropertyEdit(file, edit.span);
  }
}

/** Delete an object member with the comma that separates it: up to the next member, else back to the previous one. */
function removePropertyEdit(file: AnalyzedFile, span: { start: number; end: number }): TextEdit[] | undefined {
  const property = nodeAt(file, span, (node): node is ts.ObjectLiteralElementLike => ts.isObjectLiteralElementLike(node));
  const object = property?.parent;
  if (!property || !object || !ts.isObjectLiteralExpression(object)) return undefined;
  const index = object.properties.indexOf(property);
  const next = object.properties[index + 1];
  if (next) return [{ start: span.start, end: next.getStart(file.sourceFile), newText: '' }];
  const previous = object.properties[index - 1];
  if (previous) return [{ start: previous.end, end: span.end, newText: '' }];
  // The only member: take its trailing comma too (`{ forever: true, }` → `{  }`).
  const end = object.properties.hasTrailingComma ? file.text.indexOf(',', span.end) + 1 : span.end;
  return [{ start: span.start, end, newText: '' }];
}
