import ts from 'typescript';
import type { RemoteCallFact, ResponseStatusFact, Span } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule } from '../server/src/engine/rule-api.js';
import type { Fix } from '../server/src/engine/types.js';
import { describeCall, importedClient, insertStatementAfterEdit, nodeAt } from './support/http-calls.js';
import { analyzeResponse, type ResponseVerdict } from './support/response-use.js';

/** Functions that only encode their argument: calling them again in an error message changes nothing. */
const PURE_FUNCTIONS = new Set(['encodeURIComponent', 'encodeURI', 'String']);

export default defineRule({
  id: 'unchecked-response-status',
  category: 'failure-handling',
  severity: 'warning',
  fix: 'safe',
  description: 'HTTP responses that resolve on error statuses must have their status checked before the body is used.',
  options: {},
  check({ file, model, report }) {
    for (const call of file.facts.remoteCalls) {
      // An imported instance counts only when its module confirms it is a client (and says how it was configured).
      const imported = call.instanceImport ? importedClient(model, file, call.instanceImport) : undefined;
      if (call.instanceImport && !imported) continue;
      const status = call.status ?? imported?.status;
      if (!status) continue;
      const node = nodeAt(file, call, ts.isCallExpression);
      if (!node) continue;
      const verdict = analyzeResponse(node, status);
      if (!verdict.unchecked) continue;
      const what = describeCall(model, file, call);
      const name = verdict.binding?.name ?? 'res';
      const check = status.properties[0] === 'ok' ? `${name}.ok` : `${name}.${status.properties[0]}`;
      report({
        start: call.start,
        end: call.end,
        message:
          status.check === 'before-body'
            ? `The response of ${what} is used without checking its status: it resolves on 4xx and 5xx too, so a failed request turns into wrong data. Check \`${check}\` before reading the body.`
            : `${what} is configured not to throw on error statuses, but its status is never read: a 4xx or 5xx response turns into wrong data. Check \`${check}\` and handle failures.`,
        fixes: fixFor(model, file, call, status, verdict),
      });
    }
  },
});

function fixFor(model: SystemModel, file: AnalyzedFile, call: RemoteCallFact, status: ResponseStatusFact, verdict: ResponseVerdict): Fix[] {
  const binding = verdict.binding;
  if (!binding) return [];
  const { name, statement } = binding;
  const property = status.properties[0]!;
  const condition = property === 'ok' ? `!${name}.ok` : `${name}.${property} >= 400`;
  const statusValue = property === 'ok' ? `${name}.status` : `${name}.${property}`;
  const label = [call.method, call.url && urlInTemplate(model, file, call.url)].filter(Boolean).join(' ') || 'Request';
  const text = `if (${condition}) throw new Error(\`${label} failed: \${${statusValue}}\`);`;
  return [{ title: `Throw when \`${condition}\``, kind: 'safe', edits: { [file.path]: [insertStatementAfterEdit(file, statement, text)] } }];
}

/**
 * The URL as text inside a template literal: literals as written, the same template when its parts are side-effect free
 * (variables, properties, `encodeURIComponent(id)`), a variable as `${url}`; otherwise the folded value.
 */
function urlInTemplate(model: SystemModel, file: AnalyzedFile, span: Span): string | undefined {
  const node = nodeAt(file, span, (n): n is ts.Expression => ts.isExpression(n));
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return escapeForTemplate(node.text);
  if (ts.isTemplateExpression(node) && node.templateSpans.every((part) => isPure(part.expression))) {
    return file.text.slice(node.getStart(file.sourceFile) + 1, node.end - 1);
  }
  if (isPure(node)) return `\${${file.text.slice(node.getStart(file.sourceFile), node.end)}}`;
  const folded = model.foldString(file.path, span.start, span.end);
  return folded ? escapeForTemplate(folded.value) : undefined;
}

function isPure(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression) || expression.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isStringLiteral(expression) || ts.isNumericLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return true;
  if (ts.isParenthesizedExpression(expression)) return isPure(expression.expression);
  if (ts.isPropertyAccessExpression(expression)) return isPure(expression.expression);
  if (ts.isCallExpression(expression)) {
    return ts.isIdentifier(expression.expression) && PURE_FUNCTIONS.has(expression.expression.text) && expression.arguments.every((argument) => isPure(argument));
  }
  return false;
}

function escapeForTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}
