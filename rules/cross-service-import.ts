import { defineRule } from '../server/src/engine/rule-api.js';

export default defineRule({
  id: 'cross-service-import',
  category: 'coupling',
  severity: 'error',
  fix: 'none',
  description: "A service must not import another service's source code.",
  options: {},
  check({ file, model, report }) {
    const importer = file.service;
    if (!importer) return;
    for (const fact of file.facts.imports) {
      const target = model.resolveImport(file.path, fact.specifier);
      const targetService = target?.file ? model.serviceOf(target.file) : target?.package?.service ? model.services.find((s) => s.name === target.package!.service) : undefined;
      if (!targetService || targetService.name === importer.name) continue;
      const what = fact.typeOnly ? 'types from' : 'code from';
      report({
        start: fact.start,
        end: fact.end,
        message:
          `Service \`${importer.name}\` imports ${what} service \`${targetService.name}\` ('${fact.specifier}'): ` +
          `the two can no longer be changed and deployed independently. ` +
          `Call ${targetService.name}'s API, or move what both need into a library (a contract package for types).`,
      });
    }
  },
});
