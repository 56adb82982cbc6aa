// Type information on demand. A ts-morph Project per tsconfig is created the first time a rule asks about a file
// under it, and the checker only answers the questions asked (never a full diagnostics pass): on a large monorepo a
// full check costs several times a parse.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project } from 'ts-morph';
import ts from 'typescript';

export interface CheckedFile {
  checker: ts.TypeChecker;
  /** The program's own syntax tree for the file (node positions match the text it was read from). */
  sourceFile: ts.SourceFile;
}

export class TypeCheckerPool {
  private readonly projects = new Map<string, Project>();
  readonly problems: string[] = [];

  constructor(private readonly root: string) {}

  /** The checker of the project that owns `file`, or undefined when the file cannot be loaded into one. */
  checkerFor(file: string): CheckedFile | undefined {
    const tsconfig = this.nearestTsconfig(file);
    const project = this.projectFor(tsconfig);
    const sourceFile = project.getSourceFile(file) ?? this.tryAdd(project, file);
    if (!sourceFile) return undefined;
    const program = project.getProgram().compilerObject;
    const compilerSourceFile = program.getSourceFile(file);
    if (!compilerSourceFile) return undefined;
    return { checker: program.getTypeChecker(), sourceFile: compilerSourceFile };
  }

  /** Drop cached programs, e.g. after a tsconfig changed. */
  reset(): void {
    this.projects.clear();
  }

  private tryAdd(project: Project, file: string) {
    try {
      return project.addSourceFileAtPath(file);
    } catch {
      return undefined;
    }
  }

  private nearestTsconfig(file: string): string | undefined {
    const root = resolve(this.root);
    for (let dir = dirname(resolve(file)); dir.startsWith(root); dir = dirname(dir)) {
      const candidate = join(dir, 'tsconfig.json');
      if (existsSync(candidate)) return candidate;
      if (dir === dirname(dir)) break;
    }
    return undefined;
  }

  private projectFor(tsconfig: string | undefined): Project {
    const key = tsconfig ?? '<default>';
    let project = this.projects.get(key);
    if (project) return project;
    project = this.createProject(tsconfig);
    this.projects.set(key, project);
    return project;
  }

  private createProject(tsconfig: string | undefined): Project {
    const defaults = { strict: true, target: ts.ScriptTarget.ES2022, allowJs: true, experimentalDecorators: true };
    if (!tsconfig) return new Project({ compilerOptions: defaults, skipAddingFilesFromTsConfig: true });
    const diagnostics: ts.Diagnostic[] = [];
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d) });
    // "No inputs found" is normal for a config whose files we add one by one; anything else is the user's to know.
    const problem = [...diagnostics, ...(parsed?.errors ?? [])].find((d) => d.code !== 18003);
    if (problem) this.problems.push(`${tsconfig}: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')}; using the options that could be read`);
    // Files are added as rules ask for them; the program pulls in their imports by module resolution.
    return new Project({ compilerOptions: parsed?.options ?? defaults, skipAddingFilesFromTsConfig: true });
  }
}
