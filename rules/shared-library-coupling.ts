import picomatch from 'picomatch';
import { defineRule } from '../server/src/engine/rule-api.js';
import { libraryUsage, type LibraryProfile } from './support/library-usage.js';

const DEFAULT_ALLOW = ['**/*{logger,logging,config,telemetry,tracing,eslint,tsconfig,test-utils,testing}*'];

export default defineRule({
  id: 'shared-library-coupling',
  category: 'coupling',
  severity: 'warning',
  fix: 'none',
  description: 'A library shared by several services must not carry domain runtime code or persistence models.',
  options: {
    minServices: { type: 'number', default: 2, minimum: 2, description: 'How many services must import the library before it is reported.' },
    allow: {
      type: 'array',
      items: { type: 'string' },
      default: DEFAULT_ALLOW,
      description: 'Globs of library folders (relative to the workspace root) or package names that may be shared.',
    },
  },
  check({ file, model, options, report }) {
    const service = file.service;
    if (!service) return;
    const isAllowed = picomatch(options.allow, { dot: true });
    for (const library of libraryUsage(model).values()) {
      const firstImport = library.firstImportByService.get(service.name);
      if (!firstImport || firstImport.file !== file.path) continue;
      if (library.firstImportByService.size < options.minServices) continue;
      if (isAllowed(library.relativeRoot) || isAllowed(library.name) || !couples(library)) continue;
      const others = [...library.firstImportByService].filter(([name]) => name !== service.name);
      report({
        start: firstImport.start,
        end: firstImport.end,
        message:
          `Library \`${library.name}\` is shared by ${library.firstImportByService.size} services (${[...library.firstImportByService.keys()].join(', ')}) ` +
          `and carries ${describeCoupling(library)}: every change to it forces those services to redeploy in lockstep. ` +
          `Give each service its own copy of the model, or share only types and contracts.`,
        related: others.map(([name, site]) => ({ file: site.file, start: site.start, end: site.end, message: `imported by ${name}` })),
      });
    }
  },
});

/** Client libraries wrap a service's API (sharing them is the point); type-only use and constants don't couple runtimes. */
function couples(library: LibraryProfile): boolean {
  if (library.makesRemoteCalls || library.onlyTypeImports) return false;
  return library.persistenceModels.length > 0 || library.runtimeExports.length > 0;
}

function describeCoupling(library: LibraryProfile): string {
  const parts: string[] = [];
  if (library.persistenceModels.length > 0) parts.push(`persistence models (${preview(library.persistenceModels)})`);
  if (library.runtimeExports.length > 0) parts.push(`runtime code (${preview(library.runtimeExports)})`);
  return parts.join(' and ');
}

function preview(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
}
