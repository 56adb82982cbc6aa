import { describe, expect, it } from 'vitest';
import { parsePrismaSchema } from './prisma-schema.js';

const SCHEMA = `// The shop database
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL") // set by compose
}

generator client {
  provider = "prisma-client-js"
  output   = "../src/generated/prisma"
}

/// A customer's order.
model Order {
  id         String      @id @default(uuid())
  status     OrderStatus @default(PENDING)
  note       String?     @default("{}") // braces in a string do not close the block
  lines      OrderLine[]
  customer   Customer    @relation(fields: [customerId], references: [id])
  customerId String
  @@map("orders")
}

model OrderLine {
  id      Int    @id
  order   Order  @relation(fields: [orderId], references: [id])
  orderId String
  @@map(name: "order_lines")
}

model Customer {
  id    String @id
  email String @unique
  type  String
}

enum OrderStatus {
  PENDING
  PAID
}
`;

describe('parsePrismaSchema', () => {
  const schema = parsePrismaSchema(SCHEMA);

  it('reads models with their @@map table names, defaulting to the model name', () => {
    expect(schema.models.map((m) => [m.name, m.table])).toEqual([
      ['Order', 'orders'],
      ['OrderLine', 'order_lines'],
      ['Customer', 'Customer'],
    ]);
    const order = schema.models[0]!;
    expect(SCHEMA.slice(order.nameStart, order.nameEnd)).toBe('Order');
    expect(SCHEMA.slice(order.start, order.end)).toMatch(/^model Order \{[\s\S]*@@map\("orders"\)\n\}$/);
  });

  it('tells scalar fields, enums and relations apart', () => {
    expect(schema.models[0]!.fields).toEqual([
      { name: 'id', type: 'String', list: false, optional: false, relation: false },
      { name: 'status', type: 'OrderStatus', list: false, optional: false, relation: false },
      { name: 'note', type: 'String', list: false, optional: true, relation: false },
      { name: 'lines', type: 'OrderLine', list: true, optional: false, relation: true },
      { name: 'customer', type: 'Customer', list: false, optional: false, relation: true },
      { name: 'customerId', type: 'String', list: false, optional: false, relation: false },
    ]);
    expect(schema.enums).toEqual(['OrderStatus']);
  });

  it('reads the datasource url as an env lookup with its span, and the generator output', () => {
    const [datasource] = schema.datasources;
    expect(datasource).toMatchObject({ name: 'db', provider: 'postgresql', url: { env: 'DATABASE_URL' } });
    expect(SCHEMA.slice(datasource!.url!.start, datasource!.url!.end)).toBe('env("DATABASE_URL")');
    expect(schema.generators).toMatchObject([{ name: 'client', provider: 'prisma-client-js', output: '../src/generated/prisma' }]);
  });

  it('reads a literal url, and survives malformed input', () => {
    const literal = parsePrismaSchema('datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n');
    expect(literal.datasources[0]!.url).toMatchObject({ literal: 'file:./dev.db' });
    expect(parsePrismaSchema('model Broken {\n  id Int\n').models).toMatchObject([{ name: 'Broken', table: 'Broken' }]);
    expect(parsePrismaSchema('').models).toEqual([]);
  });
});
