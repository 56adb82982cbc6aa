import { describe, expect, it } from 'vitest';
import { factsOf } from '../facts/testing.js';

describe('persistence class fields', () => {
  it('lists the columns and relations of TypeORM and MikroORM entities as declared', () => {
    const text = [
      "import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';",
      "import { Entity as MikroEntity, PrimaryKey, Property } from '@mikro-orm/core';",
      "@Entity('orders')",
      'export class Order {',
      "  @PrimaryGeneratedColumn('uuid') id!: string;",
      "  @Column({ type: 'varchar' }) status!: 'open' | 'paid';",
      '  @ManyToOne(() => Order) parent?: Order;',
      '  notMapped = 1;',
      '}',
      '@MikroEntity()',
      'export class Book { @PrimaryKey() id!: number; @Property() title?: string; }',
    ].join('\n');
    expect(factsOf(text).persistence.map((fact) => fact.fields?.map(({ name, type, optional, relation }) => ({ name, type, optional, relation })))).toEqual([
      [
        { name: 'id', type: 'string', optional: false, relation: false },
        { name: 'status', type: "'open' | 'paid'", optional: false, relation: false },
        { name: 'parent', type: 'Order', optional: true, relation: true },
      ],
      [
        { name: 'id', type: 'number', optional: false, relation: false },
        { name: 'title', type: 'string', optional: true, relation: false },
      ],
    ]);
  });
});

describe('repositories and ORM instances', () => {
  it('finds repositories by getter, injection and subclass, named after their entity, and MikroORM.init', () => {
    const text = [
      "import { DataSource, Repository } from 'typeorm';",
      "import { InjectRepository } from '@nestjs/typeorm';",
      "import { MikroORM } from '@mikro-orm/postgresql';",
      "import { Order } from './order.entity';",
      'export class OrderRepository extends Repository<Order> {}',
      'export class Orders {',
      '  constructor(@InjectRepository(Order) private readonly repo: Repository<Order>, ds: DataSource) { ds.getRepository(Order); }',
      '}',
      'export const orm = await MikroORM.init({});',
    ].join('\n');
    expect(factsOf(text).persistence.map(({ kind, library, name, entity, exported }) => ({ kind, library, name, entity, exported }))).toEqual([
      { kind: 'repository', library: 'typeorm', name: 'Order', entity: 'Order', exported: true },
      { kind: 'repository', library: 'typeorm', name: 'Order', entity: 'Order', exported: false },
      { kind: 'repository', library: 'typeorm', name: 'Order', entity: 'Order', exported: false },
      { kind: 'client', library: 'mikro-orm', name: 'orm', entity: undefined, exported: true },
    ]);
  });

  it('does not take a getRepository of something that is not an ORM', () => {
    expect(factsOf("const registry = { getRepository(x: unknown) { return x; } };\nregistry.getRepository('Order');").persistence).toEqual([]);
  });
});
