import type { StrictnessMarker } from '../server/src/engine/facts/contract-types.js';
import type { DataSource, ValidationUse } from '../server/src/engine/model/contracts.js';
import type { AnalyzedFile, SystemModel } from '../server/src/engine/model/types.js';
import { defineRule } from '../server/src/engine/rule-api.js';
import type { Location } from '../server/src/engine/types.js';

/** A strictness marker written in the checked file, and the validations of another service's data that it makes strict. */
interface StrictUse {
  marker: StrictnessMarker;
  validations: Array<{ use: ValidationUse; sources: DataSource[] }>;
}

export default defineRule({
  id: 'strict-consumer-schema',
  category: 'contracts',
  severity: 'warning',
  fix: 'safe',
  description: 'Data received from another service must be validated with a schema that tolerates unknown fields.',
  options: {},
  check({ file, model, report }) {
    // Only files that write a marker can have a finding: skip the workspace-wide validation index for the others.
    if (!file.facts.schemas.some((schema) => schema.strictness.length > 0) && !file.facts.validations.some((v) => v.strictness?.length)) return;
    for (const { marker, validations } of strictUsesIn(model, file)) {
      const sources = validations.flatMap((validation) => validation.sources);
      const schema = file.facts.schemas.find((candidate) => candidate.strictness.some((own) => own.start === marker.start && own.end === marker.end))?.name;
      const what = schema ? `\`${schema}\`` : 'this validation';
      report({
        start: marker.start,
        end: marker.end,
        message:
          `\`${marker.written}\` makes ${what} reject unknown fields, and it validates ${describeSources(sources)}: ` +
          `the day the provider adds a field (an expansion change its other consumers take in stride), every validation here fails. ` +
          `Be a tolerant reader: accept unknown fields and check only the ones you use.`,
        related: validations.map(({ use, sources: own }) => relatedSite(model, use, own)),
        fixes: marker.fix.length > 0 ? [{ title: marker.fixTitle, kind: 'safe', edits: { [file.path]: marker.fix } }] : [],
      });
    }
  },
});

function strictUsesIn(model: SystemModel, file: AnalyzedFile): StrictUse[] {
  // By place, not identity: one pipe bound to several handlers is one marker.
  const byMarker = new Map<string, StrictUse>();
  for (const use of model.contracts.validations()) {
    // Another service's data: a remote call's answer, or a consumed message. The service's own inbound requests are its choice.
    const sources = use.sources.filter((source) => source.kind === 'remote' || source.kind === 'message');
    if (sources.length === 0) continue;
    for (const { file: markerFile, marker } of use.strictness) {
      if (markerFile !== file.path) continue;
      const key = `${marker.start}:${marker.end}`;
      const entry = byMarker.get(key) ?? { marker, validations: [] };
      entry.validations.push({ use, sources });
      byMarker.set(key, entry);
    }
  }
  return [...byMarker.values()].sort((a, b) => a.marker.start - b.marker.start);
}

/** "inventory's responses", "consumed messages", "another service's responses and consumed messages". */
function describeSources(sources: readonly DataSource[]): string {
  const remote = [...new Set(sources.filter((s) => s.kind === 'remote').map((s) => s.service ?? ''))];
  const parts: string[] = [];
  if (remote.length > 0) {
    const named = remote.filter((service) => service !== '');
    parts.push(named.length > 0 && named.length === remote.length ? `${named.map((service) => `${service}'s`).join(' and ')} responses` : "another service's responses");
  }
  if (sources.some((s) => s.kind === 'message')) parts.push('consumed messages');
  return parts.join(' and ');
}

function relatedSite(model: SystemModel, use: ValidationUse, sources: readonly DataSource[]): Location {
  const source = sources[0]!;
  const what = source.kind === 'message' ? 'a consumed message' : source.service ? `${source.service}'s response` : "another service's response";
  const line = model.file(source.at.file)?.lines.positionAt(source.at.start).line;
  const from = line === undefined ? '' : ` from line ${line + 1}`;
  return { file: use.file, start: use.fact.start, end: use.fact.end, message: `validates ${what}${from} with this schema` };
}
