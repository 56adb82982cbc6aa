import { defineEngineRule } from '../server/src/engine/rule-api.js';

// Judged by the report layer while it applies suppressions: it sees every suppression comment and what it matched.
export default defineEngineRule({
  id: 'suppression-needs-reason',
  category: 'suppressions',
  severity: 'info',
  fix: 'none',
  description: 'A seamlint-disable comment must say why, after `--`.',
  options: {},
});
