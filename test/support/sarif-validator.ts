// The official SARIF 2.1.0 JSON schema as a validator, for every test that checks SARIF output.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

// The official SARIF 2.1.0 schema (the OASIS "rtm.5" release), as Microsoft's SARIF SDK ships it on npm.
const SCHEMA_MODULE = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

let compiled: ReturnType<typeof compileSarifValidator> | undefined;
export const loadSarifValidator = () => (compiled ??= compileSarifValidator());

function compileSarifValidator() {
  let schemaPath: string;
  try {
    schemaPath = createRequire(__filename).resolve(SCHEMA_MODULE);
  } catch {
    throw new Error(`The SARIF schema is missing: add @microsoft/jest-sarif as a devDependency (it ships ${SCHEMA_MODULE}).`);
  }
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema is draft-04 ("id", draft-04 $schema), which ajv 8 does not ship a meta-schema for; its keywords are otherwise
  // compatible, so drop the draft markers and compile it as the default draft.
  delete schema['$schema'];
  delete schema['id'];
  // unicodeRegExp: false because the schema's `language` pattern (`…{2}]?$`) is only valid without the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // ajv-formats is not a dependency: check the three formats the schema uses, as strictly as the spec asks.
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/') && !/\s/.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(schema);
}

