// Classifies the differences between the base's contract snapshot and the working tree's as rules.md lists the
// breaking ones: removed route or message pattern; removed response/payload field; changed field type; a request
// field that became required (or a new required one); a response field made optional; an enum/literal member removed.
// Expansion changes (new routes, new response fields, new optional request fields, wider request types, narrower
// response types, new enum members) are not breaking and produce nothing.
import type { ContractField, ContractSnapshot, SnapshotRoute, SnapshotType } from '../../server/src/engine/model/contract-snapshot.js';
import { isLiteralText } from '../../server/src/engine/model/contract-snapshot-types.js';
import type { SystemModel } from '../../server/src/engine/model/types.js';
import type { Location } from '../../server/src/engine/types.js';

export type ContractChange =
  | { kind: 'route-removed'; route: SnapshotRoute; anchor: Location }
  | { kind: 'field-removed'; type: SnapshotType; field: ContractField; anchor: Location }
  | { kind: 'field-type-changed'; type: SnapshotType; before: ContractField; after: ContractField; anchor: Location }
  | { kind: 'request-field-required'; type: SnapshotType; before?: ContractField; after: ContractField; anchor: Location }
  | { kind: 'response-field-optional'; type: SnapshotType; before: ContractField; after: ContractField; anchor: Location }
  | { kind: 'member-removed'; type: SnapshotType; field?: ContractField; members: string[]; anchor: Location };

export function compareSnapshots(model: SystemModel, base: ContractSnapshot, current: ContractSnapshot): ContractChange[] {
  const changes: ContractChange[] = [];
  const surviving = new Set(current.routes.map((route) => route.key));
  for (const route of base.routes) {
    if (surviving.has(route.key)) continue;
    const anchor = removedRouteAnchor(model, route, current.routes);
    if (anchor) changes.push({ kind: 'route-removed', route, anchor });
  }
  for (const [before, after] of pairTypes(base.types, current.types)) changes.push(...compareTypes(before, after));
  return changes;
}

/** rules.md: a removed route is reported in the router's file at the nearest surviving route, or at line 1. */
function removedRouteAnchor(model: SystemModel, route: SnapshotRoute, current: readonly SnapshotRoute[]): Location | undefined {
  const sameFile = current.filter((candidate) => candidate.file === route.file);
  if (sameFile.length > 0) {
    const nearest = sameFile.reduce((best, candidate) => (Math.abs(candidate.line - route.line) < Math.abs(best.line - route.line) ? candidate : best));
    return { file: nearest.file, start: nearest.start, end: nearest.end };
  }
  const file = model.file(route.file);
  if (file) return { file: file.path, start: 0, end: file.lines.lineEnd(0) };
  // The router's file is gone: the service's first remaining route, else the top of its first file.
  const sameService = current.filter((candidate) => candidate.service === route.service).sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start)[0];
  if (sameService) return { file: sameService.file, start: sameService.start, end: sameService.end };
  const first = [...model.files.values()].filter((f) => f.service?.name === route.service).sort((a, b) => a.path.localeCompare(b.path))[0];
  return first ? { file: first.path, start: 0, end: first.lines.lineEnd(0) } : undefined;
}

/** Types are matched by owner (package, service) and name, so moving a type between files of a package is no change. */
function pairTypes(base: readonly SnapshotType[], current: readonly SnapshotType[]): Array<[SnapshotType, SnapshotType]> {
  const key = (type: SnapshotType) => `${type.owner}#${type.name}`;
  const baseByKey = group(base, key);
  const pairs: Array<[SnapshotType, SnapshotType]> = [];
  for (const [name, afters] of group(current, key)) {
    const befores = baseByKey.get(name) ?? [];
    if (befores.length === 1 && afters.length === 1) {
      pairs.push([befores[0]!, afters[0]!]);
      continue;
    }
    // The same name twice in one owner: only the same file tells them apart.
    for (const after of afters) {
      const before = befores.find((candidate) => candidate.relativePath === after.relativePath);
      if (before) pairs.push([before, after]);
    }
  }
  return pairs;
}

function compareTypes(before: SnapshotType, after: SnapshotType): ContractChange[] {
  const changes: ContractChange[] = [];
  const typeAnchor: Location = { file: after.file, start: after.start, end: after.end };
  if (before.literals && after.literals) {
    const removed = before.literals.filter((member) => !after.literals!.includes(member));
    if (removed.length > 0) changes.push({ kind: 'member-removed', type: after, members: removed, anchor: typeAnchor });
  }
  if (!before.fields || !after.fields) return changes;
  const request = after.role === 'request';
  const afterByName = new Map(after.fields.map((field) => [field.name, field]));
  const beforeByName = new Map(before.fields.map((field) => [field.name, field]));
  for (const field of before.fields) {
    // A request field the provider stops reading breaks nobody; an inherited field is reported at the type declaring it.
    if (afterByName.has(field.name) || request || field.inheritedFrom) continue;
    changes.push({ kind: 'field-removed', type: after, field, anchor: typeAnchor });
  }
  for (const field of after.fields) {
    if (field.inheritedFrom) continue;
    const anchor: Location = { file: after.file, start: field.start, end: field.end };
    const previous = beforeByName.get(field.name);
    if (!previous) {
      if (request && !field.optional) changes.push({ kind: 'request-field-required', type: after, after: field, anchor });
      continue;
    }
    if (request && previous.optional && !field.optional) changes.push({ kind: 'request-field-required', type: after, before: previous, after: field, anchor });
    if (!request && !previous.optional && field.optional) changes.push({ kind: 'response-field-optional', type: after, before: previous, after: field, anchor });
    const typeChange = compareFieldTypes(previous, field, request);
    if (typeChange === 'changed') changes.push({ kind: 'field-type-changed', type: after, before: previous, after: field, anchor });
    else if (typeChange.length > 0) changes.push({ kind: 'member-removed', type: after, field, members: typeChange, anchor });
  }
  return changes;
}

/**
 * 'changed' when the new type rejects what consumers send (request) or gives them what they do not expect (response);
 * else the literal members that were removed (possibly none). `"a" | "b"` → `string` widens, it removes nothing.
 */
function compareFieldTypes(before: ContractField, after: ContractField, request: boolean): 'changed' | string[] {
  if (before.type === after.type || before.type === '' || after.type === '') return [];
  const lost = before.members.filter((member) => !covers(after.members, member));
  const gained = after.members.filter((member) => !covers(before.members, member));
  const lostKinds = lost.filter((member) => !isLiteralText(member));
  const gainedKinds = gained.filter((member) => !isLiteralText(member));
  if (request ? lostKinds.length > 0 : gainedKinds.length > 0) return 'changed';
  return lost.filter(isLiteralText);
}

/** A union admits a member when it lists it, or its primitive (`string` admits `"paid"`). */
function covers(members: readonly string[], member: string): boolean {
  if (members.includes(member)) return true;
  if (member.startsWith('"')) return members.includes('string');
  if (member === 'true' || member === 'false') return members.includes('boolean');
  return isLiteralText(member) && members.includes('number');
}

function group<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
