// The workspace's Prisma schemas (`schema.prisma`, and the `.prisma` files of a multi-file schema folder), found by discovery and
// parsed on first use: the engine reads TypeScript files only, and Prisma declares its models and tables here.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePrismaSchema, type PrismaSchema } from '../adapters/prisma-schema.js';

export interface PrismaSchemaFile {
  /** Absolute path of the `.prisma` file. */
  file: string;
  text: string;
  schema: PrismaSchema;
  /** Absolute folders its generators write a client to (`output`, relative to the schema file). */
  outputs: string[];
}

/** `paths`: the `.prisma` files workspace discovery found (absolute). */
export function findPrismaSchemas(paths: readonly string[]): PrismaSchemaFile[] {
  const schemas: PrismaSchemaFile[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const schema = parsePrismaSchema(text);
    const outputs = schema.generators.flatMap((generator) => (generator.output ? [resolve(dirname(file), generator.output)] : []));
    schemas.push({ file, text, schema, outputs });
  }
  return schemas;
}
