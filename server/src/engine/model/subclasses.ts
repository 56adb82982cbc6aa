// Base classes that services extend: a publisher or listener base class in a shared library sends to or reads from
// `this.subject`, and each subclass in a service says what that is (`subject = Subjects.TicketCreated`). The messages
// are the subclass's, and its service's: rules.md, "a handler registered by a base class's constructor is the subclass's".
import ts from 'typescript';
import type { AnalyzedFile } from './types.js';

export interface DeclaredClass {
  file: AnalyzedFile;
  declaration: ts.ClassDeclaration;
}

export type ClassResolver = (file: AnalyzedFile, identifier: ts.Identifier) => DeclaredClass | undefined;

export class SubclassIndex {
  private direct: Map<ts.ClassDeclaration, DeclaredClass[]> | undefined;

  constructor(
    private readonly files: Iterable<AnalyzedFile>,
    private readonly resolveClass: ClassResolver,
  ) {}

  /** Every class that extends this one, directly or through others. */
  subclassesOf(base: ts.ClassDeclaration): DeclaredClass[] {
    const direct = this.index();
    const found: DeclaredClass[] = [];
    const queue = [...(direct.get(base) ?? [])];
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (found.some((known) => known.declaration === next!.declaration)) continue;
      found.push(next);
      queue.push(...(direct.get(next.declaration) ?? []));
    }
    return found;
  }

  /**
   * The initializer a subclass gives an instance member (`subject = Subjects.TicketCreated`), or that a class between it
   * and the base gives.
   */
  memberInitializer(subclass: DeclaredClass, base: ts.ClassDeclaration, name: string): { file: AnalyzedFile; node: ts.Expression } | undefined {
    let current: DeclaredClass | undefined = subclass;
    for (let guard = 0; current && current.declaration !== base && guard < 16; guard++) {
      const member = current.declaration.members.find(
        (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name && (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) === 0,
      );
      if (member?.initializer) return { file: current.file, node: member.initializer };
      current = this.superclassOf(current);
    }
    return undefined;
  }

  private superclassOf(cls: DeclaredClass): DeclaredClass | undefined {
    const heritage = extendsIdentifier(cls.declaration);
    return heritage ? this.resolveClass(cls.file, heritage) : undefined;
  }

  private index(): Map<ts.ClassDeclaration, DeclaredClass[]> {
    if (this.direct) return this.direct;
    this.direct = new Map();
    for (const file of this.files) {
      // Most files extend nothing: skip parsing them.
      if (!file.text.includes('extends')) continue;
      visitClasses(file.sourceFile, (declaration) => {
        const heritage = extendsIdentifier(declaration);
        const base = heritage && this.resolveClass(file, heritage);
        if (!base) return;
        const list = this.direct!.get(base.declaration) ?? [];
        list.push({ file, declaration });
        this.direct!.set(base.declaration, list);
      });
    }
    return this.direct;
  }
}

function extendsIdentifier(declaration: ts.ClassDeclaration): ts.Identifier | undefined {
  const clause = declaration.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = clause?.types[0]?.expression;
  return expression && ts.isIdentifier(expression) ? expression : undefined;
}

function visitClasses(node: ts.Node, visit: (declaration: ts.ClassDeclaration) => void): void {
  if (ts.isClassDeclaration(node)) visit(node);
  ts.forEachChild(node, (child) => visitClasses(child, visit));
}

/** `this.subject` inside a class: the member's name and the class, when the expression is one. */
export function thisMemberAt(node: ts.Node | undefined): { name: string; owner: ts.ClassDeclaration } | undefined {
  if (!node || !ts.isPropertyAccessExpression(node) || node.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isClassDeclaration(current)) return { name: node.name.text, owner: current };
    // A function (not an arrow) has its own `this`.
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}
