// A small reader for Prisma schema files (`schema.prisma`, or the `.prisma` files of a multi-file schema folder): the
// models with the table each maps to (`@@map`), the datasource (provider and url, `env("X")` or a literal), and the
// generator's output folder (where a custom-output client lives). Only the block structure and the few attributes
// seamlint needs are read; anything else is skipped, and malformed input yields what could be read, never an exception.

export interface PrismaValue {
  /** `env("DATABASE_URL")` → 'DATABASE_URL'. */
  env?: string;
  /** A string literal's content. */
  literal?: string;
  start: number;
  end: number;
}

export interface PrismaField {
  name: string;
  /** The type as written, without `?` / `[]` ('String', 'DateTime', 'Post'). */
  type: string;
  list: boolean;
  optional: boolean;
  /** The type is another model of the schema (a relation), not a scalar or an enum. */
  relation: boolean;
}

export interface PrismaModel {
  name: string;
  /** `@@map("orders")`, else the model name (Prisma's default). */
  table: string;
  /** 'model' or 'view'. */
  kind: 'model' | 'view';
  fields: PrismaField[];
  /** The block, from `model` to its closing brace; `nameStart`/`nameEnd` is the model's name. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

export interface PrismaDatasource {
  name: string;
  provider?: string;
  url?: PrismaValue;
  start: number;
  end: number;
}

export interface PrismaGenerator {
  name: string;
  provider?: string;
  /** The `output` folder as written (relative to the schema file). */
  output?: string;
  start: number;
  end: number;
}

export interface PrismaSchema {
  models: PrismaModel[];
  enums: string[];
  datasources: PrismaDatasource[];
  generators: PrismaGenerator[];
}

const BLOCK_START = /\b(model|view|enum|type|datasource|generator)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/g;
const SCALAR_TYPES = new Set(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes', 'Unsupported']);

export function parsePrismaSchema(text: string): PrismaSchema {
  const code = blankComments(text);
  const schema: PrismaSchema = { models: [], enums: [], datasources: [], generators: [] };
  const blocks: Array<{ keyword: string; name: string; start: number; nameStart: number; bodyStart: number; end: number }> = [];
  for (const match of code.matchAll(BLOCK_START)) {
    const start = match.index;
    // A block keyword inside the previous block (a field named `type`) is not a block.
    if (blocks.length > 0 && start < blocks[blocks.length - 1]!.end) continue;
    const bodyStart = start + match[0].length;
    const end = closingBrace(code, bodyStart);
    blocks.push({ keyword: match[1]!, name: match[2]!, start, nameStart: start + match[0].indexOf(match[2]!, match[1]!.length), bodyStart, end });
  }
  const typeNames = new Set(blocks.filter((b) => b.keyword === 'enum' || b.keyword === 'type').map((b) => b.name));
  const modelNames = new Set(blocks.filter((b) => b.keyword === 'model' || b.keyword === 'view').map((b) => b.name));
  for (const block of blocks) {
    const body = code.slice(block.bodyStart, block.end - 1);
    const span = { start: block.start, end: block.end };
    if (block.keyword === 'enum') schema.enums.push(block.name);
    else if (block.keyword === 'model' || block.keyword === 'view') {
      schema.models.push({
        name: block.name,
        table: mappedName(body) ?? block.name,
        kind: block.keyword,
        fields: fieldsOf(body, modelNames, typeNames),
        ...span,
        nameStart: block.nameStart,
        nameEnd: block.nameStart + block.name.length,
      });
    } else if (block.keyword === 'datasource') {
      const datasource: PrismaDatasource = { name: block.name, ...span };
      const provider = setting(body, 'provider', block.bodyStart)?.literal;
      const url = setting(body, 'url', block.bodyStart);
      if (provider !== undefined) datasource.provider = provider;
      if (url) datasource.url = url;
      schema.datasources.push(datasource);
    } else if (block.keyword === 'generator') {
      const generator: PrismaGenerator = { name: block.name, ...span };
      const provider = setting(body, 'provider', block.bodyStart)?.literal;
      const output = setting(body, 'output', block.bodyStart)?.literal;
      if (provider !== undefined) generator.provider = provider;
      if (output !== undefined) generator.output = output;
      schema.generators.push(generator);
    }
  }
  return schema;
}

/** `@@map("orders")` in a model body. */
function mappedName(body: string): string | undefined {
  return /@@map\(\s*(?:name\s*:\s*)?"((?:[^"\\]|\\.)*)"\s*\)/.exec(body)?.[1];
}

/** `key = "value"` or `key = env("NAME")` in a datasource or generator body; offsets are made absolute with `base`. */
function setting(body: string, key: string, base: number): PrismaValue | undefined {
  const match = new RegExp(`(?:^|\\n)\\s*${key}\\s*=\\s*(env\\(\\s*"((?:[^"\\\\]|\\\\.)*)"\\s*\\)|"((?:[^"\\\\]|\\\\.)*)")`).exec(body);
  if (!match) return undefined;
  const start = base + match.index + match[0].length - match[1]!.length;
  const value: PrismaValue = { start, end: start + match[1]!.length };
  if (match[2] !== undefined) value.env = match[2];
  else value.literal = match[3]!;
  return value;
}

function fieldsOf(body: string, modelNames: ReadonlySet<string>, typeNames: ReadonlySet<string>): PrismaField[] {
  const fields: PrismaField[] = [];
  for (const line of body.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)(\[\])?(\?)?/.exec(line);
    if (!match) continue;
    const type = match[2]!;
    const relation = modelNames.has(type) && !SCALAR_TYPES.has(type) && !typeNames.has(type);
    fields.push({ name: match[1]!, type, list: match[3] !== undefined, optional: match[4] !== undefined, relation });
  }
  return fields;
}

/** The offset after the `}` closing a block whose body starts at `from` (braces in strings do not count). */
function closingBrace(code: string, from: number): number {
  let inString = false;
  for (let i = from; i < code.length; i++) {
    const char = code[i]!;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '}') return i + 1;
  }
  return code.length;
}

/** Replace `//` comments with spaces (offsets stay valid), leaving string contents alone. */
function blankComments(text: string): string {
  let result = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      result += char;
      if (char === '\\' && i + 1 < text.length) result += text[++i]!;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === '/' && text[i + 1] === '/') {
      const lineEnd = text.indexOf('\n', i);
      const stop = lineEnd < 0 ? text.length : lineEnd;
      result += ' '.repeat(stop - i);
      i = stop - 1;
      continue;
    }
    result += char;
  }
  return result;
}
