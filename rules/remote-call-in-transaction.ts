import ts from 'typescript';
import type { TransactionFact } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile } from '../server/src/engine/model/types.js';
import { defineRule } from '../server/src/engine/rule-api.js';
import { describeRemoteCall, describeSend, ownEffects, walk } from './support/remote-interactions.js';

export default defineRule({
  id: 'remote-call-in-transaction',
  category: 'synchronous-coupling',
  severity: 'warning',
  fix: 'none',
  description: 'Remote calls and message sends inside a database transaction hold locks during network I/O and announce uncommitted changes.',
  options: {},
  check({ file, model, report }) {
    const transactions = file.facts.transactions;
    if (transactions.length === 0) return;
    const reported = new Set<number>();
    const calls: ts.CallExpression[] = [];
    // Everything in the transaction's body runs inside it, callbacks written there included.
    walk(file.sourceFile, (node) => ts.isCallExpression(node) && calls.push(node), { enterFunctions: true });

    for (const transaction of transactions) {
      const where = transactionLabel(file, transaction);
      const related = [{ file: file.path, start: transaction.start, end: transaction.end, message: 'the transaction' }];
      for (const send of file.facts.messageSends) {
        if (!inside(send, transaction.body) || reported.has(send.start)) continue;
        reported.add(send.start);
        report({
          start: send.start,
          end: send.end,
          message:
            `\`${describeSend(file, send)}\` is sent inside ${where}: if the transaction rolls back, consumers have already acted on a change ` +
            'that never happened (a dual write). Publish after the commit, or write the message to an outbox table in the same transaction.',
          related,
        });
      }
      for (const call of calls) {
        const start = call.getStart(file.sourceFile);
        if (!inside({ start, end: call.end }, transaction.body) || reported.has(start)) continue;
        const effects = ownEffects(model, file, call);
        if (effects.length === 0) continue;
        reported.add(start);
        report({
          start,
          end: call.end,
          message:
            `\`${describeRemoteCall(model, file, call, effects)}\` is called inside ${where}: the transaction holds its locks and connection for the ` +
            'whole round trip, and if it rolls back the remote side has already acted. Call it after the commit, or record it in an outbox.',
          related,
        });
      }
    }
  },
});

function inside(span: { start: number; end: number }, body: { start: number; end: number }): boolean {
  return span.start >= body.start && span.end <= body.end;
}

function transactionLabel(file: AnalyzedFile, transaction: TransactionFact): string {
  const line = file.lines.positionAt(transaction.start).line + 1;
  return `a ${transaction.library} transaction (line ${line})`;
}
