// What breaking-contract-change counts as a change, without git: two versions of a contract module are snapshotted and
// compared. Expansion changes and mere rewrites of the same type text must produce nothing.
import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '../rules/support/contract-changes.js';
import { analyzeText } from '../server/src/engine/analysis/load-files.js';
import { contractModuleMatcher } from '../server/src/engine/model/contract-modules.js';
import { buildContractSnapshot, contractRole } from '../server/src/engine/model/contract-snapshot.js';
import type { SystemModel } from '../server/src/engine/model/types.js';

const ROOT = '/ws';
const PATH = `${ROOT}/packages/contracts/src/index.ts`;

function snapshot(text: string) {
  return buildContractSnapshot({ files: new Map([[PATH, analyzeText(ROOT, PATH, text)]]), endpoints: [], contractGlobs: [] });
}

/** `kind type.field` for each change; no routes are compared here, so the model is never consulted. */
function changes(before: string, after: string): string[] {
  return compareSnapshots({} as SystemModel, snapshot(before), snapshot(after)).map((change) => {
    if (change.kind === 'route-removed') return `${change.kind} ${change.route.label}`;
    const field = change.kind === 'field-removed' ? change.field.name : change.kind === 'member-removed' ? (change.field?.name ?? change.members.join(',')) : change.after.name;
    return `${change.kind} ${change.type.name}.${field}`;
  });
}

describe('contract type changes', () => {
  it('ignores rewrites of the same type: union order, whitespace, quotes, Array<T>, readonly, `| undefined` for `?`', () => {
    const before = "export interface OrderDto {\n  status: 'a' | 'b';\n  lines: Array<Line>;\n  ids: readonly string[];\n  note?: string;\n}\n";
    const after = 'export interface OrderDto {\n  status: "b" |   "a";\n  lines: Line[];\n  ids: string[];\n  note: string | undefined;\n}\n';
    expect(changes(before, after)).toEqual([]);
  });

  it('response types: removing a field, making one optional or letting it hold something new breaks readers; additions and narrowing do not', () => {
    const before = 'export interface OrderDto {\n  id: string;\n  note: string;\n  placedAt: string;\n  total: number;\n  paymentId: string | null;\n}\n';
    const after = 'export interface OrderDto {\n  id: string;\n  placedAt?: string;\n  total: number | null;\n  paymentId: string;\n  extra: boolean;\n}\n';
    expect(changes(before, after)).toEqual(['field-removed OrderDto.note', 'response-field-optional OrderDto.placedAt', 'field-type-changed OrderDto.total']);
  });

  it('request types: new required fields, required-now fields and narrower types break writers; removals, optional additions and widening do not', () => {
    const before = 'export interface CreateOrderRequest {\n  customerId: string;\n  coupon?: string;\n  quantity: number | string;\n  channel: string;\n  legacy: string;\n}\n';
    const after = 'export interface CreateOrderRequest {\n  customerId: string | number;\n  coupon: string;\n  quantity: number;\n  channel: string;\n  currency: string;\n  note?: string;\n}\n';
    expect(changes(before, after)).toEqual(['request-field-required CreateOrderRequest.coupon', 'field-type-changed CreateOrderRequest.quantity', 'request-field-required CreateOrderRequest.currency']);
  });

  it('removed enum members and literal-union members, on an alias or a field; widening to the primitive removes nothing (a request accepts it, a response changes type)', () => {
    const before = "export enum Channel { Web = 'web', Phone = 'phone' }\nexport type Status = 'pending' | 'paid' | 'refunded';\nexport interface PaymentDto {\n  kind: 'card' | 'sepa';\n  state: 'a' | 'b';\n}\nexport interface RefundRequest {\n  reason: 'fraud' | 'duplicate';\n}\n";
    const after = "export enum Channel { Web = 'web', Store = 'store' }\nexport type Status = 'pending' | 'paid' | 'cancelled';\nexport interface PaymentDto {\n  kind: 'card';\n  state: string;\n}\nexport interface RefundRequest {\n  reason: string;\n}\n";
    expect(changes(before, after)).toEqual(['member-removed Channel.Phone', 'member-removed Status."refunded"', 'member-removed PaymentDto.kind', 'field-type-changed PaymentDto.state']);
  });

  it('reports a change to an inherited field once, at the type that declares it; moving a field to a base type is no change', () => {
    const before = 'export interface BaseDto {\n  id: string;\n  createdAt: string;\n}\nexport interface OrderDto extends BaseDto {\n  total: number;\n}\n';
    const after = 'export interface BaseDto {\n  id: string;\n  total: number;\n}\nexport interface OrderDto extends BaseDto {\n}\n';
    expect(changes(before, after)).toEqual(['field-removed BaseDto.createdAt']);
  });

  it('reads classes (public instance fields only) and intersections', () => {
    const before = 'export class OrderDto {\n  id!: string;\n  private secret = 1;\n  static count = 0;\n  total!: number;\n}\nexport type Page = { items: string[] } & Meta;\nexport interface Meta {\n  cursor: string;\n}\n';
    const after = 'export class OrderDto {\n  id!: string;\n}\nexport type Page = { items: string[] } & Meta;\nexport interface Meta {\n  next: string;\n}\n';
    expect(changes(before, after)).toEqual(['field-removed OrderDto.total', 'field-removed Meta.cursor']);
  });
});

describe('contract vocabulary', () => {
  it('decides request or response from the name', () => {
    expect(['CreateOrderRequest', 'OrderInput', 'ChargeBody', 'CancelOrderCommand', 'ListOrdersQuery', 'CreateOrderDto', 'UpdateCustomer', 'SearchParamsDto'].map(contractRole)).toEqual(Array(8).fill('request'));
    expect(['OrderDto', 'OrderPlacedEvent', 'CreatedOrder', 'PaymentResponse', 'Requester'].map(contractRole)).toEqual(Array(5).fill('response'));
  });

  it('knows contract modules by file name, folder (below the package root), package name and config globs', () => {
    const at = (relativePath: string, packageName?: string, packageRoot = relativePath.split('/').slice(0, 2).join('/')) => ({
      relativePath,
      path: `${ROOT}/${relativePath}`,
      ...(packageName ? { package: { name: packageName, root: `${ROOT}/${packageRoot}` } } : {}),
    });
    expect(contractModuleMatcher([])(at('services/orders/src/create-order.dto.ts', '@shop/orders'))).toBe(true);
    expect(contractModuleMatcher([])(at('services/orders/src/order.events.ts', '@shop/orders'))).toBe(true);
    expect(contractModuleMatcher([])(at('services/orders/src/api/orders.ts', '@shop/orders'))).toBe(true);
    expect(contractModuleMatcher([])(at('packages/shared/src/index.ts', '@shop/order-contracts'))).toBe(true);
    expect(contractModuleMatcher([])(at('packages/shared/src/index.ts', '@shop/api-types'))).toBe(true);
    expect(contractModuleMatcher(['libs/wire/**'])(at('libs/wire/index.ts'))).toBe(true);
    expect(contractModuleMatcher([])(at('services/orders/src/orders.service.ts', '@shop/orders'))).toBe(false);
    expect(contractModuleMatcher([])(at('services/orders/src/schemas/order.schema.ts', '@shop/orders'))).toBe(false);
    expect(contractModuleMatcher([])(at('services/orders/src/dto/order.dto.spec.ts', '@shop/orders'))).toBe(false);
    expect(contractModuleMatcher([])(at('services/api/src/server.ts', '@shop/api'))).toBe(false);
  });
});
