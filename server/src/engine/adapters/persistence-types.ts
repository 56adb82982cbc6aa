// Persistence types as the type checker sees them (rules.md leaked-internal-type): what a Mongoose document, a
// Sequelize model instance, a drizzle row or a Prisma model type looks like once the checker has resolved a value's
// type. Entity classes written in the workspace (TypeORM, MikroORM, @nestjs/mongoose, sequelize-typescript) are known by
// their PersistenceFact instead; this file only knows the libraries' own declarations.
import ts from 'typescript';
import { isPrismaClientModule } from './database-clients.js';

/** A module whose exports can type a stored record (and whose types a focused checker program must load). */
export function isPersistenceTypeModule(specifier: string): boolean {
  return (
    /^(?:typeorm|mongoose|sequelize|sequelize-typescript|drizzle-orm)(?:\/|$)/.test(specifier) ||
    specifier.startsWith('@mikro-orm/') ||
    isPrismaClientModule(specifier)
  );
}

export interface LibraryPersistenceType {
  library: string;
  /** 'Mongoose document', 'Prisma model', … (for messages). */
  description: string;
  /** The type's name, '' when it has none worth showing (a drizzle row, a Prisma query result). */
  name: string;
}

export interface PrismaClientShape {
  /** Model names from the workspace's schema.prisma files; empty when none was found (any model type counts). */
  models: ReadonlySet<string>;
  /** Absolute folders a generator writes its client to (`output`), besides node_modules' `.prisma/client`. */
  outputs: readonly string[];
}

/**
 * The library persistence type a resolved type is, if any (one constituent of an intersection is enough for the caller).
 * `prisma` is asked only for types declared in a folder named like a Prisma client.
 */
export function libraryPersistenceType(type: ts.Type, prisma: () => PrismaClientShape): LibraryPersistenceType | undefined {
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) continue;
    const path = declaration.getSourceFile().fileName;
    const name = symbol.getName();
    if (path.includes('/node_modules/mongoose/') && (name === 'Document' || name === 'HydratedDocument')) {
      return { library: 'mongoose', description: 'Mongoose document', name };
    }
    if ((path.includes('/node_modules/sequelize/') || path.includes('/node_modules/sequelize-typescript/')) && name === 'Model') {
      return { library: 'sequelize', description: 'Sequelize model instance', name };
    }
    // drizzle's row types (`InferSelectModel`, `$inferSelect`, query results) are anonymous mapped types declared by drizzle-orm.
    if (path.includes('/node_modules/drizzle-orm/') && (name === '__type' || name === 'InferSelectModel' || name === 'InferInsertModel')) {
      return { library: 'drizzle', description: 'drizzle row', name: '' };
    }
    if (/prisma/i.test(path) && isPrismaClientFile(path, prisma()) && isPrismaModelType(type, name, path, prisma())) {
      return { library: 'prisma', description: 'Prisma model', name: symbol === type.aliasSymbol ? name : '' };
    }
  }
  return undefined;
}

function isPrismaClientFile(path: string, prisma: PrismaClientShape): boolean {
  if (/\/node_modules\/(?:@prisma\/client|\.prisma\/client)\//.test(path)) return true;
  return prisma.outputs.some((folder) => path.startsWith(`${folder}/`));
}

/** A model type (`User`) or a query result (the runtime's result types), not an input type, enum or the client class. */
function isPrismaModelType(type: ts.Type, name: string, path: string, prisma: PrismaClientShape): boolean {
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  if (path.includes('/runtime/')) return true;
  if (name === 'PrismaClient' || name === '__type') return false;
  return prisma.models.size === 0 ? /^[A-Z]/.test(name) && !/(?:Input|Args|Select|Include|Filter|Payload|Client|Delegate)$/.test(name) : prisma.models.has(name);
}
