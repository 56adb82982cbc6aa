import { describe, expect, it } from 'vitest';
import { escapeXml, formatJunit } from './junit.js';
import { CYCLE, HARDCODED, MISSING_TIMEOUT, PLAIN, sampleResult } from './test-data.js';

describe('junit', () => {
  it('writes one testsuite per file and one failing testcase per finding', () => {
    const xml = formatJunit(sampleResult([MISSING_TIMEOUT, HARDCODED]), PLAIN);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites>',
        '  <testsuite name="services/orders/src/app.ts" tests="1" failures="1" errors="0" time="0">',
        '    <testcase name="line 4, col 21: missing-timeout" classname="services/orders/src/app.ts" time="0">',
        '      <failure message="GET inventory/items/:id has no timeout: 50% of &quot;slow&quot; calls, &lt;never&gt; ending &amp; retried." type="missing-timeout">' +
          'line 4, col 21, Warning - GET inventory/items/:id has no timeout: 50% of &quot;slow&quot; calls, &lt;never&gt; ending &amp; retried. (missing-timeout)</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="services/inventory/src/server.ts" tests="1" failures="1" errors="0" time="0">',
        '    <testcase name="line 4, col 12: hardcoded-endpoint" classname="services/inventory/src/server.ts" time="0">',
        '      <failure message="Port 3000, host: hardcoded" type="hardcoded-endpoint">line 4, col 12, Info - Port 3000, host: hardcoded (hardcoded-endpoint)</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('keeps line breaks in attributes as character references', () => {
    expect(formatJunit(sampleResult([CYCLE]), PLAIN)).toContain('message="orders → inventory → orders is a cycle:&#10;the services');
  });

  it('writes a single passing testsuite when there are no findings', () => {
    expect(formatJunit(sampleResult([]), PLAIN)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites>',
        '  <testsuite name="seamlint" tests="1" failures="0" errors="0" time="0">',
        '    <testcase name="seamlint" classname="seamlint" time="0" />',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0001\u0008d`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;d');
  });
});
