import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The architecture as tests: readers (rules, outputs) read the mesh graph, never a construct's
 * internals; constructs never import an output; `any` stays rare and explained.
 */

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');

function libFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return libFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/**
 * Where `any` is allowed, and why. jsii has no type for "a JSON object of this shape", so the
 * public methods that return the ECS JSON and the Envoy object return `any`; a field check and a
 * struct rule each read their own kind of value.
 */
const ANY_ALLOWED: Record<string, number> = {
  'lib/outputs/ecs/mesh-task-definition.ts': 2,
  'lib/outputs/envoy/envoy-config.ts': 1,
  'lib/outputs/service-connect/service-connect-config.ts': 1,
  'lib/rules/field-rules.ts': 2,
};

describe('lib/ architecture', () => {
  const program = ts.createProgram(libFiles(), {
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true,
  });
  const checker = program.getTypeChecker();
  const sources = libFiles().map((file) => program.getSourceFile(file)).filter((sf): sf is ts.SourceFile => sf !== undefined);

  it('sees every source file of lib/', () => {
    expect(sources.map((sf) => rel(sf.fileName)).sort()).toEqual(libFiles().map(rel).sort());
  });

  it(`has at most ${Object.values(ANY_ALLOWED).reduce((a, b) => a + b, 0)} \`any\`, each in an allowed place`, () => {
    const counts: Record<string, number> = {};
    for (const sf of sources) {
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.AnyKeyword) counts[rel(sf.fileName)] = (counts[rel(sf.fileName)] ?? 0) + 1;
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    const excess = Object.entries(counts).filter(([file, n]) => n > (ANY_ALLOWED[file] ?? 0));
    expect(excess, 'files with more `any` than allowed').toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
  });

  /** Whether a class is a construct (extends aws-cdk-lib's Resource or constructs' Construct). */
  function isConstructClass(declaration: ts.ClassLikeDeclaration): boolean {
    let type: ts.Type | undefined = checker.getTypeAtLocation(declaration);
    const seen = new Set<ts.Type>();
    while (type && !seen.has(type)) {
      seen.add(type);
      const name = type.getSymbol()?.getName();
      if (name === 'Resource' || name === 'Construct') return true;
      type = checker.getBaseTypes(type as ts.InterfaceType)[0];
    }
    return false;
  }

  it('reads no construct\'s internal members outside lib/model/ and the construct\'s own file', () => {
    const violations: string[] = [];
    for (const sf of sources) {
      const file = rel(sf.fileName);
      if (file.startsWith('lib/model/')) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAccessExpression(node) && node.name.text.startsWith('_') && node.expression.kind !== ts.SyntaxKind.ThisKeyword) {
          for (const declaration of checker.getSymbolAtLocation(node.name)?.declarations ?? []) {
            const owner = declaration.parent;
            // A construct's own member, or one of what every mesh construct offers the registry (MeshMember).
            const constructMember = (ts.isClassLike(owner) && isConstructClass(owner))
              || (ts.isInterfaceDeclaration(owner) && owner.name.text === 'MeshMember');
            if (constructMember && owner.getSourceFile() !== sf) {
              violations.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText()}`);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(violations).toEqual([]);
  });

  it('imports no output (lib/outputs/envoy, lib/outputs/ecs) outside lib/outputs/, except the public index', () => {
    const violations: string[] = [];
    for (const sf of sources) {
      const file = rel(sf.fileName);
      if (file.startsWith('lib/outputs/') || file === 'lib/index.ts') continue;
      for (const statement of sf.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const target = rel(path.resolve(path.dirname(sf.fileName), statement.moduleSpecifier.text));
        if (/^lib\/outputs\/(envoy|ecs)(\/|$)/.test(target)) violations.push(`${file} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the benchmark\'s "outputs off" turns off every file output that has a switch', () => {
    const switches = sources.flatMap((sf) => [...sf.text.matchAll(/'(appmesh-kit:\w+Output)'/g)].map((m) => m[1]));
    const runner = fs.readFileSync(path.join(__dirname, '..', 'bench', 'runner.ts'), 'utf8');
    expect(switches.length).toBeGreaterThanOrEqual(4);
    expect(switches.filter((key) => !runner.includes(`'${key}': false`))).toEqual([]);
  });
});
