// The workspace's Prisma schemas (`schema.prisma`, and the `.prisma` files of a multi-file schema folder), found and
// parsed on first use: the engine reads TypeScript files only, and Prisma declares its models and tables here.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { parsePrismaSchema, type PrismaSchema } from '../adapters/prisma-schema.js';
import { exclusionGlobs } from '../workspace/source-files.js';

export interface PrismaSchemaFile {
  /** Absolute path of the `.prisma` file. */
  file: string;
  text: string;
  schema: PrismaSchema;
  /** Absolute folders its generators write a client to (`output`, relative to the schema file). */
  outputs: string[];
}

export function findPrismaSchemas(root: string): PrismaSchemaFile[] {
  const paths = globSync(['**/*.prisma'], { cwd: root, ignore: exclusionGlobs([]), absolute: false, dot: false, followSymbolicLinks: false });
  const schemas: PrismaSchemaFile[] = [];
  for (const relativePath of paths.sort()) {
    const file = join(root, relativePath);
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
