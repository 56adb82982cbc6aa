import { createHash } from 'node:crypto';
import ts from 'typescript';
import { emptyFacts } from './adapter.js';
import { describe, expect, it } from 'vitest';
import { modulesAdapter } from '../adapters/modules.js';
import type { FactsAdapter } from './adapter.js';
import { extractFacts, extractFactsFromText } from './extract.js';
import { factsOf, slice } from './testing.js';

function parse(text: string, path = '/w/src/file.ts'): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
}

describe('extractFacts', () => {
  it('returns the path, the sha1 of the text and every fact list', () => {
    const text = "import axios from 'axios';\nexport const get = () => axios.get('http://inventory:3000/items');\n";
    const facts = extractFacts('/w/src/a.ts', text, parse(text));
    expect(facts.path).toBe('/w/src/a.ts');
    expect(facts.hash).toBe(createHash('sha1').update(text).digest('hex'));
    expect(facts.parseDiagnostics).toBe(0);
    expect(facts.imports).toHaveLength(1);
    expect(facts.exports).toEqual([expect.objectContaining({ name: 'get', kind: 'function' })]);
    expect(facts.endpointSinks.map((fact) => slice(text, fact.value))).toEqual(["'http://inventory:3000/items'"]);
    expect(Object.keys(facts).sort()).toEqual(['hash', 'parseDiagnostics', 'path', ...Object.keys(emptyFacts())].sort());
    expect(facts.remoteCalls.map((fact) => fact.library)).toEqual(['axios']);
  });

  it('handles an empty file', () => {
    const facts = extractFacts('/w/src/empty.ts', '', parse(''));
    expect(facts).toMatchObject({ parseDiagnostics: 0, imports: [], exports: [], entrypoints: [], endpointSinks: [], persistence: [] });
    expect(facts.hash).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('keeps best-effort facts from a file with syntax errors and counts the errors', () => {
    const text = "import { from 'broken';\nimport axios from 'axios';\nconst = ;\naxios.get('http://inventory:3000/items'\nclass {";
    const facts = extractFacts('/w/src/broken.ts', text, parse(text));
    expect(facts.parseDiagnostics).toBeGreaterThan(0);
    expect(facts.imports.map((fact) => fact.specifier)).toContain('axios');
    expect(facts.endpointSinks.map((fact) => slice(text, fact.value))).toEqual(["'http://inventory:3000/items'"]);
  });

  it('survives a binary-ish garbage string', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('') + '\u0000\ud800(((';
    expect(() => extractFacts('/w/src/garbage.ts', text, parse(text))).not.toThrow();
    expect(extractFactsFromText('/w/src/garbage.bin', text).hash).toBe(createHash('sha1').update(text).digest('hex'));
  });

  it('walks 10,000 nested parentheses without overflowing the stack', () => {
    // TypeScript's own parser overflows Node's default stack at about 800 nested parentheses, so build the tree
    // the parser would produce, with real text ranges, and hand it to extractFacts.
    const depth = 10_000;
    const call = "fetch('http://inventory:3000/items')";
    const text = `${'('.repeat(depth)}${call}${')'.repeat(depth)};`;
    const sourceFile = nestedParenthesesSourceFile(text, depth, call);
    const facts = extractFacts('/w/src/deep.ts', text, sourceFile);
    expect(facts.endpointSinks.map((fact) => [slice(text, fact), slice(text, fact.value)])).toEqual([[call, "'http://inventory:3000/items'"]]);
  });

  it('gives a file the parser cannot build empty facts and a parse diagnostic instead of throwing', () => {
    const text = `const x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};`;
    const facts = extractFactsFromText('/w/src/deep.ts', text);
    expect(facts.parseDiagnostics).toBeGreaterThanOrEqual(1);
    expect(facts.imports).toEqual([]);
  });

  it('handles 10,000-long call, member and operator chains that the parser does build', () => {
    const chains = [
      "import axios from 'axios';\naxios.get('http://a:1/')" + '.then((r) => r)'.repeat(10_000) + ';',
      'const x = a' + '.b'.repeat(10_000) + ';',
      'const y = 1' + ' + 1'.repeat(10_000) + ';',
      'f' + '()'.repeat(10_000) + ';',
    ];
    for (const text of chains) {
      const facts = extractFacts('/w/src/chain.ts', text, parse(text));
      expect(facts.parseDiagnostics).toBe(0);
    }
    const first = chains[0]!;
    expect(extractFacts('/w/src/chain.ts', first, parse(first)).endpointSinks.map((fact) => slice(first, fact.value))).toEqual(["'http://a:1/'"]);
  });

  it('drops only the facts of an adapter that throws, and reports it', () => {
    const failing: FactsAdapter = {
      name: 'failing',
      extract(_file, facts) {
        facts.endpointSinks.push({ start: 0, end: 1, sink: 'http-call', library: 'x', value: { start: 0, end: 1 } });
        throw new Error('boom');
      },
    };
    const text = "import a from 'a';";
    const failures: string[] = [];
    const facts = extractFacts('/w/src/a.ts', text, parse(text), { adapters: [failing, modulesAdapter], onAdapterError: (name) => failures.push(name) });
    expect(failures).toEqual(['failing']);
    expect(facts.endpointSinks).toEqual([]);
    expect(facts.imports).toHaveLength(1);
  });

  it('works on a source file parsed without parent pointers', () => {
    const text = "import express from 'express';\nconst app = express();\napp.listen(3000);";
    const sourceFile = ts.createSourceFile('/w/src/main.ts', text, ts.ScriptTarget.Latest, false);
    expect(extractFacts('/w/src/main.ts', text, sourceFile).entrypoints).toEqual([expect.objectContaining({ kind: 'http-server', library: 'express' })]);
  });

  it('extracts a large file quickly', () => {
    const functions = Array.from(
      { length: 2_000 },
      (_, i) => `export async function call${i}(id: string) {\n  const res = await fetch(\`\${BASE}/items/\${id}\`);\n  const { data } = await axios.get('/x/${i}');\n  return [res, data];\n}`,
    );
    const text = `import axios from 'axios';\nconst BASE = process.env.BASE;\n${functions.join('\n')}`;
    const started = performance.now();
    const facts = factsOf(text);
    expect(facts.endpointSinks).toHaveLength(4_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

/** The tree TypeScript's parser builds for `((…(call)…));`, with each node's text range set. */
function nestedParenthesesSourceFile(text: string, depth: number, call: string): ts.SourceFile {
  const { factory } = ts;
  const calleeEnd = depth + call.indexOf('(');
  const callee = ts.setTextRange(factory.createIdentifier('fetch'), { pos: depth, end: calleeEnd });
  const argument = ts.setTextRange(factory.createStringLiteral('http://inventory:3000/items'), { pos: calleeEnd + 1, end: depth + call.length - 1 });
  let expression: ts.Expression = ts.setTextRange(factory.createCallExpression(callee, undefined, [argument]), { pos: depth, end: depth + call.length });
  for (let level = depth - 1; level >= 0; level--) {
    expression = ts.setTextRange(factory.createParenthesizedExpression(expression), { pos: level, end: text.length - 1 - level });
  }
  const statement = ts.setTextRange(factory.createExpressionStatement(expression), { pos: 0, end: text.length });
  const sourceFile = ts.createSourceFile('/w/src/deep.ts', '', ts.ScriptTarget.Latest, false);
  return ts.setTextRange(factory.updateSourceFile(sourceFile, [statement]), { pos: 0, end: text.length }) as ts.SourceFile & { text: string };
}
