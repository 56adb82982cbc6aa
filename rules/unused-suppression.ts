import { defineEngineRule } from '../server/src/engine/rule-api.js';

// Judged by the report layer while it applies suppressions: only it knows which comments suppressed nothing.
export default defineEngineRule({
  id: 'unused-suppression',
  category: 'suppressions',
  severity: 'info',
  fix: 'none',
  description: 'A seamlint-disable comment that suppresses nothing should be removed.',
  options: {},
});
