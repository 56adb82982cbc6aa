import { defineRule } from '../server/src/engine/rule-api.js';
import { sharedDatabaseReports } from './support/database-sharing.js';

export default defineRule({
  id: 'shared-database',
  category: 'coupling',
  severity: 'warning',
  fix: 'none',
  description: 'Each service must own its database: two services must not connect to the same database or map the same tables.',
  options: {
    allow: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      description: 'Globs of table or collection names, database names, or persistence libraries (package names or folders) that are shared on purpose, e.g. a CQRS read model.',
    },
  },
  check({ file, model, options, report }) {
    if (!file.service) return;
    for (const finding of sharedDatabaseReports(model, options.allow).get(file.path) ?? []) report(finding);
  },
});
