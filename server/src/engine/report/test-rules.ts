// A small fake rule list for the report layer's tests: the real registry grows independently.
import { defineEngineRule, type RuleMeta } from '../rule-api.js';

export const testRules: RuleMeta[] = [
  defineEngineRule({
    id: 'missing-timeout',
    category: 'failure-handling',
    severity: 'warning',
    fix: 'safe',
    description: 'Remote calls must have a timeout.',
    options: { defaultTimeoutMs: { type: 'number', default: 10000, minimum: 1, description: 'Timeout written by the fix.' } },
  }),
  defineEngineRule({
    id: 'sync-call-chain',
    category: 'synchronous-coupling',
    severity: 'warning',
    fix: 'none',
    description: 'Synchronous call chains must stay short.',
    options: {
      maxServices: { type: 'number', default: 3, minimum: 2, description: 'Longest allowed chain.' },
      mode: { type: 'string', default: 'strict', enum: ['strict', 'loose'], description: 'How chains are counted.' },
      allow: { type: 'array', items: { type: 'string' }, default: [], description: 'Service globs allowed in chains.' },
    },
  }),
  defineEngineRule({
    id: 'unversioned-api',
    category: 'contracts',
    severity: 'off',
    fix: 'none',
    description: 'Public routes need a version.',
    options: {},
  }),
  defineEngineRule({
    id: 'suppression-needs-reason',
    category: 'suppressions',
    severity: 'info',
    fix: 'none',
    description: 'A seamlint-disable comment must say why.',
    options: {},
  }),
  defineEngineRule({
    id: 'unused-suppression',
    category: 'suppressions',
    severity: 'info',
    fix: 'none',
    description: 'A seamlint-disable comment that suppresses nothing should be removed.',
    options: {},
  }),
];
