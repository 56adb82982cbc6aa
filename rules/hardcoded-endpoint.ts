import type { EndpointSinkFact } from '../server/src/engine/facts/types.js';
import type { AnalyzedFile, FoldedString } from '../server/src/engine/model/types.js';
import { defineRule, type Report } from '../server/src/engine/rule-api.js';
import type { Fix } from '../server/src/engine/types.js';
import { envNameForHost, parseAddress, whyHardcoded, type ParsedAddress } from './support/addresses.js';

const SINK_NOUN: Record<EndpointSinkFact['sink'], string> = {
  'http-call': 'a remote call',
  'http-client-base': 'an HTTP client',
  'message-client': 'a message client',
  broker: 'a broker connection',
  database: 'a database connection',
  cache: 'a cache connection',
};

/** The variable a fix reads when the host says nothing about the service (`localhost`, an IP). */
const FALLBACK_ENV_NAME: Record<EndpointSinkFact['sink'], string> = {
  'http-call': 'SERVICE_URL',
  'http-client-base': 'SERVICE_URL',
  'message-client': 'BROKER_URL',
  broker: 'BROKER_URL',
  database: 'DATABASE_URL',
  cache: 'REDIS_URL',
};

export default defineRule({
  id: 'hardcoded-endpoint',
  category: 'coupling',
  severity: 'warning',
  fix: 'unsafe',
  description: 'Service, broker and database addresses belong in configuration or service discovery, not in source code.',
  options: {
    flagDefaults: {
      type: 'boolean',
      default: false,
      description: 'Also report literals that are only the fallback of an environment lookup (`process.env.X ?? "http://…"`).',
    },
  },
  check({ file, model, options, report }) {
    const reported = new Set<string>();
    for (const sink of file.facts.endpointSinks) {
      const folded = model.foldString(file.path, sink.value.start, sink.value.end);
      if (!folded || folded.literals.length === 0) continue;
      const address = parseAddress(folded.value);
      if (!address || address.host.includes('${') || address.host.includes('\u2026')) continue;
      const why = whyHardcoded(address.port || !sink.port ? address : { ...address, port: portOf(model.foldString(file.path, sink.port.start, sink.port.end)) });
      if (!why) continue;
      // The literal that holds the origin: `//users` before a path part that merely contains the word (`/users/`).
      const literal =
        folded.literals.find((l) => l.ownText.toLowerCase().includes(`//${address.host}`)) ??
        folded.literals.find((l) => l.ownText.toLowerCase().includes(address.host)) ??
        folded.literals[0]!;
      if (literal.envDefault && !options.flagDefaults) continue;
      const key = `${literal.file}:${literal.start}`;
      if (reported.has(key)) continue;
      reported.add(key);
      report(findingFor(sink, address, why, literal, model.file(literal.file), literal.envDefault === true));
    }
  },
});

function portOf(folded: FoldedString | undefined): string | undefined {
  return folded && folded.complete ? folded.value : undefined;
}

function findingFor(sink: EndpointSinkFact, address: ParsedAddress, why: string, literal: FoldedString['literals'][number], literalFile: AnalyzedFile | undefined, envDefault: boolean): Report {
  const envName = envNameForHost(address.host) ?? constantNameAt(literalFile, literal.start) ?? FALLBACK_ENV_NAME[sink.sink];
  // An environment default already reads configuration first: replacing the fallback with the same lookup helps nobody.
  const fix = envDefault ? undefined : fixFor(literal, address, envName);
  return {
    file: literal.file,
    start: literal.start,
    end: literal.end,
    message:
      `\`${address.authority}\` ${why} and is used for ${SINK_NOUN[sink.sink]}: moving, scaling or renaming that endpoint ` +
      `now takes a code change and a redeploy. Read it from configuration (\`process.env.${envName}\`) or service discovery.`,
    fixes: fix ? [fix] : [],
  };
}

/**
 * The name the author already gave the setting: `const PRICING_URL = 'http://…'` → PRICING_URL, and
 * `const paymentsApi = axios.create({ baseURL: 'http://…' })` → PAYMENTS_API_URL.
 */
function constantNameAt(file: AnalyzedFile | undefined, literalStart: number): string | undefined {
  if (!file) return undefined;
  const before = file.text.slice(Math.max(0, literalStart - 300), literalStart);
  const constant = /\b(?:const|let|var)\s+([A-Z][A-Z0-9_]*)\s*(?::[^=]+)?=\s*$/.exec(before);
  if (constant) return constant[1];
  const declaration = [...before.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/g)].at(-1);
  // Only a configuration object the variable holds (`axios.create({ baseURL })`), not a function that merely calls.
  const between = declaration ? before.slice(declaration.index + declaration[0].length) : '';
  const nearest = declaration && !/=>|\bfunction\b|;/.test(between) ? declaration[1] : undefined;
  if (!nearest) return undefined;
  const snake = nearest.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return /_URL$|_URI$/.test(snake) ? snake : `${snake}_URL`;
}

function fixFor(literal: FoldedString['literals'][number], address: ParsedAddress, envName: string): Fix | undefined {
  const quote = literal.text[0];
  const body = literal.text.slice(1, -1);
  const at = body.indexOf(address.authority);
  if (at !== 0) return undefined;
  const rest = body.slice(address.authority.length);
  const env = `process.env.${envName}`;
  let newText: string;
  if (quote === '`') newText = `\`\${${env}}${rest}\``;
  else if (rest === '' || rest === '/') newText = env;
  else if (rest.includes('\\')) return undefined; // escapes would change meaning inside a template literal
  else newText = `\`\${${env}}${rest.replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  return {
    title: `Read the address from process.env.${envName}`,
    kind: 'unsafe',
    edits: { [literal.file]: [{ start: literal.start, end: literal.end, newText }] },
  };
}
