// Reads a labels file (README.md "Label format"): `#` header lines, then tab-separated rows whose first column says
// what the row is (service, client-app, library, infrastructure, edge, smell).
import { readFileSync } from 'node:fs';

export function readLabels(file) {
  const labels = { repo: '', commit: '', shape: '', services: [], clientApps: [], libraries: [], edges: [], smells: [] };
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const [key, value] = line.slice(1).trim().split('\t');
      if (key === 'repo' || key === 'commit' || key === 'shape') labels[key] = (value ?? '').trim();
      continue;
    }
    const columns = line.split('\t');
    const kind = columns[0];
    // A `?` marks what the labeller was unsure of: it counts neither as missed nor as wrong.
    const unsure = (text) => /\?/.test(text ?? '');
    if (kind === 'service') labels.services.push({ name: columns[1], root: normalizeRoot(columns[2]), evidence: columns[3], unsure: unsure(columns[1]) || /^\?|\(\?\)|\s\?\s/.test(columns[3] ?? '') });
    else if (kind === 'client-app') labels.clientApps.push({ name: columns[1], root: normalizeRoot(columns[2]) });
    else if (kind === 'library') labels.libraries.push({ name: columns[1], root: normalizeRoot(columns[2]) });
    else if (kind === 'edge') {
      labels.edges.push({ caller: columns[1], callee: columns[2], kind: columns[3], channel: columns[4], from: columns[5], to: columns[6], unsure: unsure(columns[7]) });
    } else if (kind === 'smell') labels.smells.push({ rule: columns[1], location: columns[2], why: columns[3] ?? '' });
  }
  return labels;
}

function normalizeRoot(root) {
  return (root ?? '').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}
