// Helm templates are not YAML until rendered, and rendering needs Helm. What a linter needs from them is little: object
// kinds, names, images and env. So a template is rendered the cheap way: `.Values.a.b` from the chart's values.yaml,
// `.Chart.Name` and the chart's `name`/`fullname` helpers as the chart name, action-only lines (`{{- if … }}`, `{{- end }}`)
// dropped, any other action left as a marker that matches nothing. No template code is executed.
import { dirname, join } from 'node:path';
import { isFile, isRecord, parseYamlDocuments, readText, createDiscoveryLog, asString } from './manifest-io.js';

/** What a template's text would render to, as far as can be known without Helm; undefined when not in a chart. */
export function renderHelmTemplate(file: string, text: string): string | undefined {
  const chart = chartOf(file);
  if (!chart) return undefined;
  return text
    .split('\n')
    // A line of actions alone (`{{- if .Values.x }}`, `{{- end }}`, `{{- include "labels" . | nindent 4 }}`) renders
    // control flow or blocks that cannot be known: dropped.
    .filter((line) => !/^\s*(?:\{\{.*?\}\}\s*)+$/.test(line))
    .map((line) => line.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, action: string) => renderAction(action, chart)))
    .join('\n');
}

const UNKNOWN = '__helm_value__';

function renderAction(action: string, chart: Chart): string {
  const [head = '', ...pipes] = action.split('|').map((part) => part.trim());
  const fallback = pipes.map((pipe) => /^default\s+"([^"]*)"$/.exec(pipe)?.[1]).find((value) => value !== undefined);
  const valuesPath = /^\.Values\.([\w.]+)$/.exec(head)?.[1];
  if (valuesPath) {
    const value = lookUp(chart.values, valuesPath.split('.'));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return fallback ?? UNKNOWN;
  }
  if (head === '.Chart.Name' || /^include\s+"[\w.-]*\.(?:name|fullname)"/.test(head) || /^template\s+"[\w.-]*\.(?:name|fullname)"/.test(head)) return chart.name;
  return fallback ?? UNKNOWN;
}

interface Chart {
  name: string;
  values: unknown;
}

const charts = new Map<string, Chart | undefined>();

/** The chart a template belongs to: the folder above `templates/` holding Chart.yaml, with its values.yaml. */
function chartOf(file: string): Chart | undefined {
  let folder = dirname(file);
  while (!isFile(join(folder, 'Chart.yaml')) && dirname(folder) !== folder && folder.includes('/templates')) folder = dirname(folder);
  const chartFile = join(folder, 'Chart.yaml');
  if (!isFile(chartFile)) return undefined;
  if (charts.has(folder)) return charts.get(folder);
  // Problems in a chart's own files are not the user's to fix for seamlint: read quietly.
  const quiet = createDiscoveryLog();
  const [meta] = parseYamlDocuments(chartFile, readText(chartFile, quiet) ?? '', quiet);
  const valuesFile = join(folder, 'values.yaml');
  const [values] = isFile(valuesFile) ? parseYamlDocuments(valuesFile, readText(valuesFile, quiet) ?? '', quiet) : [];
  const chart = { name: (isRecord(meta) ? asString(meta.name) : undefined) ?? UNKNOWN, values };
  charts.set(folder, chart);
  return chart;
}

function lookUp(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Whether a rendered value still holds an action nothing could render. */
export function isUnrendered(value: string | undefined): boolean {
  return value === undefined || value.includes(UNKNOWN);
}
