import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvText, readEnvFiles } from './env-files.js';
import { createDiscoveryLog } from './manifest-io.js';
import { createTempWorkspace, removeTempWorkspaces } from './temp-workspace.js';

afterEach(removeTempWorkspaces);

describe('parseEnvText', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const text = [
      '# a comment line',
      'PLAIN=http://inventory:3000',
      'export EXPORTED=yes',
      '  SPACED = padded value  ',
      'DOUBLE="two words # not a comment"',
      "SINGLE='raw \\n stays'",
      'BACKTICK=`tick`',
      'INLINE=value # trailing comment',
      'HASH_IN_URL=http://x/#frag',
      'EMPTY=',
      'EMPTY_WITH_COMMENT= # nothing',
      'not a variable line',
      '1BAD=starts with digit',
    ].join('\n');
    expect(parseEnvText(text)).toEqual({
      PLAIN: 'http://inventory:3000',
      EXPORTED: 'yes',
      SPACED: 'padded value',
      DOUBLE: 'two words # not a comment',
      SINGLE: 'raw \\n stays',
      BACKTICK: 'tick',
      INLINE: 'value',
      HASH_IN_URL: 'http://x/#frag',
      EMPTY: '',
      EMPTY_WITH_COMMENT: '',
    });
  });

  it('expands escapes in double quotes, lets them span lines, and handles CRLF and a BOM', () => {
    const text = '\uFEFFESCAPED="a\\nb \\"q\\""\r\nMULTI="line one\r\nline two"\r\nAFTER=1\r\n';
    expect(parseEnvText(text)).toEqual({ ESCAPED: 'a\nb "q"', MULTI: 'line one\nline two', AFTER: '1' });
  });

  it('keeps an unterminated quote as a raw value and lets later lines override earlier ones', () => {
    expect(parseEnvText('OPEN="no end\nKEY=first\nKEY=second')).toEqual({ OPEN: '"no end', KEY: 'second' });
  });
});

describe('readEnvFiles', () => {
  it('reads .env and .env.* files directly in each folder, and records them as manifests', () => {
    const root = createTempWorkspace({
      '.env': 'A=1\n',
      '.env.local': 'B=2\n',
      '.env.example': 'C=3\n',
      '.envrc': 'D=4\n',
      'not.env': 'E=5\n',
      'svc/.env.production': 'F=6\n',
      'svc/deeper/.env': 'G=7\n',
    });
    const log = createDiscoveryLog();
    const result = readEnvFiles([root, join(root, 'svc'), root, join(root, 'missing')], log);
    expect(result).toEqual({
      [join(root, '.env')]: { A: '1' },
      [join(root, '.env.example')]: { C: '3' },
      [join(root, '.env.local')]: { B: '2' },
      [join(root, 'svc/.env.production')]: { F: '6' },
    });
    expect([...log.manifestFiles].sort()).toEqual(Object.keys(result).sort());
    expect(log.problems).toEqual([]);
  });
});
