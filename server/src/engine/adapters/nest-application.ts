// NestJS application objects: what `app.setGlobalPrefix(…)` (routes) and `app.connectMicroservice(…)` (entrypoints)
// are called on.
import { pathEquals, type ValueOrigin } from '../facts/origins.js';

const NEST_APPLICATION_TYPES: ReadonlyArray<{ module: string; name: string }> = [
  { module: '@nestjs/common', name: 'INestApplication' },
  { module: '@nestjs/platform-express', name: 'NestExpressApplication' },
  { module: '@nestjs/platform-fastify', name: 'NestFastifyApplication' },
];

/** A value from `NestFactory.create(...)`, or one typed as a Nest application (`app: INestApplication`). */
export function isNestApplication(origin: ValueOrigin | undefined): boolean {
  if (!origin) return false;
  if (origin.module === '@nestjs/core') return pathEquals(origin.path, ['NestFactory', 'create', '()']);
  return NEST_APPLICATION_TYPES.some((type) => type.module === origin.module && pathEquals(origin.path, [type.name, 'new']));
}
