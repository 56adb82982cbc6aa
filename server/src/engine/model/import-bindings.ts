// Local names a file binds by import, and what they import: the call graph follows them across modules.
import ts from 'typescript';
import type { AnalyzedFile } from './types.js';

export interface ImportBinding {
  specifier: string;
  /** The exported name, 'default', or '*' for a namespace / `import x = require()` / `const x = require()`. */
  imported: string;
}

const cache = new WeakMap<AnalyzedFile, Map<string, ImportBinding>>();

export function importBindingsOf(file: AnalyzedFile): Map<string, ImportBinding> {
  let bindings = cache.get(file);
  if (bindings) return bindings;
  bindings = new Map();
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause.name) bindings.set(clause.name.text, { specifier, imported: 'default' });
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { specifier, imported: '*' });
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) bindings.set(element.name.text, { specifier, imported: (element.propertyName ?? element.name).text });
      }
    }
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
      bindings.set(statement.name.text, { specifier: statement.moduleReference.expression.text, imported: '*' });
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        const argument = init.arguments[0];
        if (!argument || !ts.isStringLiteral(argument)) continue;
        if (ts.isIdentifier(declaration.name)) bindings.set(declaration.name.text, { specifier: argument.text, imported: '*' });
        else if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            if (!ts.isIdentifier(element.name)) continue;
            const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
            bindings.set(element.name.text, { specifier: argument.text, imported });
          }
        }
      }
    }
  }
  cache.set(file, bindings);
  return bindings;
}
