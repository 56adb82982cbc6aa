export { applyEdits, sortEdits, type EditOutcome } from './apply-edits.js';
export { applyFixes, applyFixesToTexts, planFixes, safeFixOf, type ApplyFixesOptions, type FixesOutcome } from './apply-fixes.js';
export { createDiff } from './diff.js';
