import ts from 'typescript';
import type { ContractSiteFact } from '../server/src/engine/facts/contract-types.js';
import { exportedTypeDeclarations, type InternalTypeUse } from '../server/src/engine/model/contracts.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import type { Span } from '../server/src/engine/facts/types.js';
import { extractContractTypeFix } from './support/dto-fix.js';
import { quote } from './support/http-calls.js';

export default defineRule({
  id: 'leaked-internal-type',
  category: 'contracts',
  severity: 'warning',
  fix: 'unsafe',
  description: 'Responses, messages and contract types must not carry persistence entities or internal types.',
  options: {},
  check({ file, model, report }) {
    const annotations = new Set<string>();
    for (const site of file.facts.contractSites) {
      if (site.kind === 'request') continue;
      // Nest: the declared return type is the contract; it is reported once, however many returns there are.
      const annotation = site.typeAnnotation;
      if (annotation) {
        const key = `${annotation.start}:${annotation.end}`;
        if (annotations.has(key)) continue;
        annotations.add(key);
      }
      const at: Span = annotation ?? site.value;
      const [use] = model.contracts.internalTypesAt(file.path, at, annotation ? 'type' : 'value');
      if (use) report(siteFinding(model, file, site, at, use));
    }
    if (!model.contracts.isContractModule(file.path)) return;
    for (const declaration of exportedTypeDeclarations(file.sourceFile)) {
      const at = { start: declaration.getStart(file.sourceFile), end: declaration.end };
      for (const use of model.contracts.internalTypesAt(file.path, at, 'declaration')) {
        const name = declaration.name!.text;
        const where = use.member ?? { start: declaration.name!.getStart(file.sourceFile), end: declaration.name!.end };
        report({
          ...where,
          message: `The contract \`${name}\` carries the ${what(use)}${through(use.path)}: ${consequence(use)} Declare the fields consumers need in the contract itself.`,
          related: use.declaration ? [{ ...use.declaration, message: `\`${use.name}\` is declared here` }] : [],
        });
      }
    }
  },
});

function siteFinding(model: SystemModel, file: AnalyzedFile, site: ContractSiteFact, at: Span, use: InternalTypeUse): Report {
  const sent = site.typeAnnotation ? `declares \`${quote(file.text.slice(at.start, at.end))}\` as` : `sends \`${quote(file.text.slice(at.start, at.end))}\` in`;
  const subject = site.kind === 'message' ? 'a message payload' : responseOf(model, file, site);
  const fix = extractContractTypeFix(model, file, site, use);
  return {
    ...at,
    message:
      `This ${sent} ${subject}, which carries the ${what(use)}${through(use.path)}: ${consequence(use)} ` +
      `Send a contract type mapped from it instead (a DTO with the fields consumers need).`,
    related: use.declaration ? [{ ...use.declaration, message: `\`${use.name}\` is declared here` }] : [],
    fixes: fix ? [fix] : [],
  };
}

/** "the response of `GET /orders/:id`", else "an HTTP response". */
function responseOf(model: SystemModel, file: AnalyzedFile, site: ContractSiteFact): string {
  const endpoint = model.endpoints.find((e) => e.handler?.file === file.path && e.handler.functionId !== undefined && e.handler.functionId === site.functionId);
  if (!endpoint) return 'an HTTP response';
  const label = endpoint.kind === 'http' ? `${endpoint.method ?? 'ALL'} ${endpoint.path ?? '…'}` : `${endpoint.kind} ${endpoint.pattern ?? '…'}`;
  return `the response of \`${label}\``;
}

/** "TypeORM entity `Order`", "drizzle row". */
function what(use: InternalTypeUse): string {
  return use.name ? `${use.description} \`${use.name}\`` : use.description;
}

function consequence(use: InternalTypeUse): string {
  if (use.description === 'internal type') return 'every consumer now depends on a type this service keeps private, and changing it breaks them.';
  return "every consumer now depends on this service's storage layout, and whatever is added to it (internal notes, password hashes) goes out too.";
}

/** " (through `.customer`)", " (through its elements)", "" when the value is the type itself. */
function through(path: readonly string[]): string {
  const properties = path.filter((step) => step !== 'await' && step !== '[]' && step !== '<>');
  if (properties.length > 0) return ` (through \`.${properties.join('.')}\`)`;
  return path.includes('[]') ? ' (as its elements)' : '';
}
