import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';
import { mongooseCollectionName, typeormTableName } from './table-names.js';

function persistence(text: string): Array<{ kind: string; library: string; name: string; table?: string; exported: boolean }> {
  return factsOf(text).persistence.map(({ kind, library, name, table, exported }) => (table === undefined ? { kind, library, name, exported } : { kind, library, name, table, exported }));
}

describe('ORM entities and models', () => {
  it('finds TypeORM entities with explicit or default table names, spanning the decorated class', () => {
    const text = [
      "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';",
      "@Entity('orders')",
      'export class Order { @PrimaryGeneratedColumn() id!: number; }',
      "@Entity({ name: 'line_items' })",
      'class LineItem {}',
      '@Entity()',
      'export class OrderItem {}',
      'export { LineItem };',
    ].join('\n');
    expect(persistence(text)).toEqual([
      { kind: 'entity', library: 'typeorm', name: 'Order', table: 'orders', exported: true },
      { kind: 'entity', library: 'typeorm', name: 'LineItem', table: 'line_items', exported: true },
      { kind: 'entity', library: 'typeorm', name: 'OrderItem', table: 'order_item', exported: true },
    ]);
    expect(slice(text, factsOf(text).persistence[0]!)).toBe("@Entity('orders')\nexport class Order { @PrimaryGeneratedColumn() id!: number; }");
  });

  it('does not take an @Entity decorator that is not from an ORM', () => {
    const text = "function Entity() { return (c: unknown) => c; }\n@Entity()\nexport class Order {}";
    expect(persistence(text)).toEqual([]);
  });

  it('finds MikroORM entities', () => {
    const text = "import { Entity } from '@mikro-orm/core';\n@Entity({ tableName: 'books' })\nexport class Book {}\n@Entity()\nclass BookTag {}";
    expect(persistence(text)).toEqual([
      { kind: 'entity', library: 'mikro-orm', name: 'Book', table: 'books', exported: true },
      { kind: 'entity', library: 'mikro-orm', name: 'BookTag', table: 'book_tag', exported: false },
    ]);
  });

  it('finds Mongoose schemas and models with Mongoose’s collection names', () => {
    const text = [
      "import mongoose, { Schema, model } from 'mongoose';",
      'const userSchema = new Schema({ name: String });',
      "export const User = model('User', userSchema);",
      "const Person = mongoose.model('Person', new mongoose.Schema({}));",
      "export const Audit = model('Audit', new Schema({}), 'audit_log');",
      "const categorySchema = new Schema({}, { collection: 'cats' });",
      "export const Category = mongoose.models.Category || model('Category', categorySchema);",
    ].join('\n');
    expect(persistence(text)).toEqual([
      { kind: 'schema', library: 'mongoose', name: 'userSchema', exported: false },
      { kind: 'model', library: 'mongoose', name: 'User', table: 'users', exported: true },
      { kind: 'model', library: 'mongoose', name: 'Person', table: 'people', exported: false },
      { kind: 'schema', library: 'mongoose', name: 'Schema', exported: false },
      { kind: 'model', library: 'mongoose', name: 'Audit', table: 'audit_log', exported: true },
      { kind: 'schema', library: 'mongoose', name: 'Schema', exported: false },
      { kind: 'schema', library: 'mongoose', name: 'categorySchema', table: 'cats', exported: false },
      { kind: 'model', library: 'mongoose', name: 'Category', table: 'cats', exported: true },
    ]);
  });

  it('finds @nestjs/mongoose @Schema classes and SchemaFactory schemas', () => {
    const text = [
      "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
      '@Schema()',
      'export class Cat { @Prop() name!: string; }',
      'export const CatSchema = SchemaFactory.createForClass(Cat);',
      "@Schema({ collection: 'inventory_items' })",
      'export class Item {}',
    ].join('\n');
    expect(persistence(text)).toEqual([
      { kind: 'schema', library: 'mongoose', name: 'Cat', table: 'cats', exported: true },
      { kind: 'schema', library: 'mongoose', name: 'CatSchema', exported: true },
      { kind: 'schema', library: 'mongoose', name: 'Item', table: 'inventory_items', exported: true },
    ]);
  });

  it('finds Sequelize define() and Model classes', () => {
    const text = [
      "import { Sequelize, DataTypes, Model } from 'sequelize';",
      "const sequelize = new Sequelize('sqlite::memory:');",
      "export const Invoice = sequelize.define('Invoice', { total: DataTypes.INTEGER }, { tableName: 'invoices_v2' });",
      "const Company = sequelize.define('Company', {});",
      'export class Payment extends Model {}',
      "Payment.init({ amount: DataTypes.INTEGER }, { sequelize, modelName: 'Payment' });",
      'class Frozen extends Model {}',
      'Frozen.init({}, { sequelize, freezeTableName: true });',
    ].join('\n');
    expect(persistence(text).filter((fact) => fact.kind !== 'client')).toEqual([
      { kind: 'model', library: 'sequelize', name: 'Invoice', table: 'invoices_v2', exported: true },
      { kind: 'model', library: 'sequelize', name: 'Company', table: 'Companies', exported: false },
      { kind: 'model', library: 'sequelize', name: 'Payment', table: 'Payments', exported: true },
      { kind: 'model', library: 'sequelize', name: 'Frozen', table: 'Frozen', exported: false },
    ]);
  });

  it('finds drizzle tables', () => {
    const text = [
      "import { pgTable, pgSchema, serial, text } from 'drizzle-orm/pg-core';",
      "export const orders = pgTable('orders', { id: serial('id').primaryKey(), note: text('note') });",
      "const shop = pgSchema('shop');",
      "const items = shop.table('items', { id: serial('id') });",
    ].join('\n');
    expect(persistence(text)).toEqual([
      { kind: 'table', library: 'drizzle', name: 'orders', table: 'orders', exported: true },
      { kind: 'table', library: 'drizzle', name: 'items', table: 'items', exported: false },
    ]);
  });
});

describe('database clients', () => {
  it('finds clients of every library with the variable they are assigned to', () => {
    const text = [
      "import { PrismaClient } from '@prisma/client';",
      "import { DataSource } from 'typeorm';",
      "import mongoose from 'mongoose';",
      "import { Pool, Client } from 'pg';",
      "import knex from 'knex';",
      "import { Sequelize } from 'sequelize';",
      'export const prisma = new PrismaClient();',
      "const dataSource = new DataSource({ type: 'postgres' });",
      'export default dataSource;',
      'await mongoose.connect(process.env.MONGO_URL!);',
      'export const pool = new Pool();',
      'const client = new Client();',
      "const db = knex({ client: 'pg' });",
      "const sequelize = new Sequelize('sqlite::memory:');",
    ].join('\n');
    expect(persistence(text)).toEqual([
      { kind: 'client', library: 'prisma', name: 'prisma', exported: true },
      { kind: 'client', library: 'typeorm', name: 'dataSource', exported: true },
      { kind: 'client', library: 'mongoose', name: 'Connection', exported: false },
      { kind: 'client', library: 'pg', name: 'pool', exported: true },
      { kind: 'client', library: 'pg', name: 'client', exported: false },
      { kind: 'client', library: 'knex', name: 'db', exported: false },
      { kind: 'client', library: 'sequelize', name: 'sequelize', exported: false },
    ]);
  });

  it('recognises a Prisma client generated into a custom output folder', () => {
    const text = "import { PrismaClient } from '../generated/prisma/client';\nexport const db = new PrismaClient();";
    expect(persistence(text)).toEqual([{ kind: 'client', library: 'prisma', name: 'db', exported: true }]);
  });
});

describe('default table names', () => {
  it('matches Mongoose’s own pluralize() word for word', () => {
    const mongoosePluralize = mongoose.pluralize();
    const words = ['User', 'Category', 'Box', 'Church', 'Status', 'Person', 'Child', 'Mouse', 'Fish', 'Address', 'Key', 'Matrix', 'Index', 'Quiz', 'Wife', 'Leaf', 'Bus', 'Potato', 'Datum', 'Analysis', 'Series', 'Order2', 'OrderItem'];
    expect(mongoosePluralize).toBeTypeOf('function');
    expect(words.map(mongooseCollectionName)).toEqual(words.map((word) => mongoosePluralize!(word)));
    expect(mongooseCollectionName('Person')).toBe('people');
  });

  it('follows TypeORM’s snake_case naming', () => {
    expect(['Order', 'OrderItem', 'HTTPLog', 'Item2Tag'].map(typeormTableName)).toEqual(['order', 'order_item', 'http_log', 'item2_tag']);
  });
});
