// schema.json ships with the package for editor completion; it must be exactly what the rules define.
// Regenerate it with: UPDATE_SCHEMA=1 npx vitest run schema-file
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { allRules } from '../../../../rules/index.js';
import { buildConfigSchema } from './config-schema.js';

const schemaFile = path.resolve(__dirname, '../../../../schema.json');

it('schema.json matches the config schema of the registered rules', () => {
  const expected = `${JSON.stringify(buildConfigSchema(allRules), null, 2)}\n`;
  if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(schemaFile, expected);
  const actual = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : '';
  expect(actual, 'schema.json is out of date: run UPDATE_SCHEMA=1 npx vitest run schema-file').toBe(expected);
});
