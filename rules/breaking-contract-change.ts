import { relative } from 'node:path';
import { buildContractSnapshot } from '../server/src/engine/model/contract-snapshot.js';
import type { SystemModel } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import { compareSnapshots, type ContractChange } from './support/contract-changes.js';
import { routeConsumers, type ConsumerSite } from './support/route-consumers.js';
import { fieldReaders, memberUsers, requestWriters } from './support/type-consumers.js';

/** Consumer sites named in a message; all of them are related locations. */
const LISTED_SITES = 3;

export default defineRule({
  id: 'breaking-contract-change',
  category: 'contracts',
  severity: 'error',
  fix: 'none',
  description: 'Contracts must not change in ways their existing consumers cannot survive (compared with a git base ref).',
  options: {},
  check({ file, model, report }) {
    for (const finding of breakingChanges(model).get(file.path) ?? []) report(finding);
  },
});

// Keyed by the base too: an editor session attaches a newly loaded base to the model it already has.
const cache = new WeakMap<SystemModel, { base: SystemModel['contractBase']; reports: Map<string, Report[]> }>();

/** Every finding of the run, by file: the comparison is workspace-wide, so it is made once per model and base. */
function breakingChanges(model: SystemModel): Map<string, Report[]> {
  const base = model.contractBase;
  const cached = cache.get(model);
  if (cached && cached.base === base) return cached.reports;
  const reports = new Map<string, Report[]>();
  if (base?.snapshot) {
    const current = buildContractSnapshot({ files: model.files, endpoints: model.endpoints, contractGlobs: base.contractGlobs });
    for (const change of compareSnapshots(model, base.snapshot, current)) {
      const sites = consumersOf(model, change);
      const list = reports.get(change.anchor.file) ?? [];
      list.push({
        file: change.anchor.file,
        start: change.anchor.start,
        end: change.anchor.end,
        message: messageFor(model, change, sites),
        related: sites.map((site) => ({ file: site.file, start: site.start, end: site.end, message: relatedMessage(change, site.service) })),
      });
      reports.set(change.anchor.file, list);
    }
  }
  cache.set(model, { base, reports });
  return reports;
}

function consumersOf(model: SystemModel, change: ContractChange): ConsumerSite[] {
  switch (change.kind) {
    case 'route-removed':
      return routeConsumers(model, change.route);
    case 'field-removed':
      return fieldReaders(model, change.type, change.field.name);
    case 'response-field-optional':
      return fieldReaders(model, change.type, change.after.name);
    case 'field-type-changed':
      return change.type.role === 'request' ? requestWriters(model, change.type, change.after.name, 'setting') : fieldReaders(model, change.type, change.after.name);
    case 'request-field-required':
      return requestWriters(model, change.type, change.after.name, 'missing');
    case 'member-removed':
      return change.members.flatMap((member) => memberUsers(model, change.type, member, change.field?.name));
  }
}

/** How a consumer depends on what changed: present tense for "no consumer … reads it", past for "still read by …". */
function usage(change: ContractChange): { present: string; past: string } {
  if (change.kind === 'route-removed') return { present: 'calls it', past: 'called by' };
  if (change.kind === 'member-removed') return { present: 'uses it', past: 'used by' };
  if (change.kind === 'request-field-required') return { present: 'leaves it out', past: 'left out by' };
  return change.type.role === 'request' ? { present: 'writes it', past: 'written by' } : { present: 'reads it', past: 'read by' };
}

/** "gateway reads OrderDto.paymentId", "gateway calls DELETE /orders/:id". */
function relatedMessage(change: ContractChange, service: string): string {
  const subject = change.kind === 'route-removed'
    ? change.route.label
    : `${change.type.name}${change.kind === 'member-removed' ? (change.field ? `.${change.field.name}` : '') : `.${change.kind === 'field-removed' ? change.field.name : change.after.name}`}`;
  return `${service} ${usage(change).present.replace(/\bit\b/, subject)}`;
}

function messageFor(model: SystemModel, change: ContractChange, sites: readonly ConsumerSite[]): string {
  const who = consumerPhrase(model, usage(change), sites);
  switch (change.kind) {
    case 'route-removed':
      return `\`${change.route.label}\` of ${change.route.service} was removed; ${who}: those calls now fail. Keep serving it (deprecated) until no consumer calls it, or move its callers to a new version first.`;
    case 'field-removed':
      return `\`${change.type.name}.${change.field.name}\` was removed from a ${contractKind(change.type.name)} contract; ${who}: readers now get \`undefined\`. Keep the field (deprecated) until no consumer reads it, or publish the change as a new version.`;
    case 'field-type-changed': {
      const what = `The type of \`${change.type.name}.${change.after.name}\` changed from \`${change.before.type}\` to \`${change.after.type}\``;
      return change.type.role === 'request'
        ? `${what} in a request contract; ${who}: requests built for the old type no longer fit. Accept both types for a while (an expansion change), or publish a new version.`
        : `${what} in a ${contractKind(change.type.name)} contract; ${who}: code written for the old type misreads it. Add a field with the new type and retire the old one once no consumer reads it, or publish a new version.`;
    }
    case 'request-field-required': {
      const field = `\`${change.type.name}.${change.after.name}\``;
      const what = change.before ? `${field} was optional and is now required in a request contract` : `${field} is a new required field of a request contract`;
      return `${what}; ${who}: requests without it will be rejected. Make it optional (with a default on the provider), or publish a new version.`;
    }
    case 'response-field-optional':
      return `\`${change.type.name}.${change.after.name}\` was always present and is now optional in a ${contractKind(change.type.name)} contract; ${who}: readers may now get \`undefined\`. Keep sending it, or publish the change as a new version.`;
    case 'member-removed': {
      const owner = change.field ? `\`${change.type.name}.${change.field.name}\`` : `\`${change.type.name}\``;
      const members = change.members.map((member) => `\`${member}\``).join(', ');
      return `${owner} no longer has ${change.members.length === 1 ? 'the member' : 'the members'} ${members}; ${who}: that value is no longer valid. Keep the member (deprecated) until no consumer uses it, or publish a new version.`;
    }
  }
}

function contractKind(typeName: string): string {
  return /(?:Event|Message)$/.test(typeName) ? 'message payload' : 'response';
}

/**
 * "still read by gateway at src/routes/orders.ts:9, src/routes/orders.ts:14 (1 consumer)", as rules.md words it ("read
 * by orders at src/checkout.ts:42"), with paths relative to the consumer's service; or, when nothing in the workspace
 * depends on it, that clients outside it still may.
 */
function consumerPhrase(model: SystemModel, verb: { present: string; past: string }, sites: readonly ConsumerSite[]): string {
  if (sites.length === 0) return `no consumer in this workspace ${verb.present}, but clients outside it may`;
  const byService = new Map<string, string[]>();
  for (const site of sites) {
    const line = (model.file(site.file)?.lines.positionAt(site.start).line ?? 0) + 1;
    const root = model.services.find((service) => service.name === site.service)?.root ?? model.root;
    byService.set(site.service, [...(byService.get(site.service) ?? []), `${relative(root, site.file).split('\\').join('/')}:${line}`]);
  }
  const listed = [...byService].map(([service, places]) => {
    const more = places.length > LISTED_SITES ? ` and ${places.length - LISTED_SITES} more` : '';
    return `${service} at ${places.slice(0, LISTED_SITES).join(', ')}${more}`;
  });
  return `still ${verb.past} ${listed.join('; ')} (${byService.size} ${byService.size === 1 ? 'consumer' : 'consumers'})`;
}
