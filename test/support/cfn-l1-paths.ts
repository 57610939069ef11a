import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Property-path coverage helpers: compare what an aws-cdk-lib L1 resource can
 * express (read from its generated .d.ts) with what a synthesized template uses.
 *
 * Paths use CloudFormation-style segments (`Spec.Listeners.Tls.Mode`); arrays
 * add no segment. L1 names are camelCase with the first letter lowered, so we
 * capitalize it and callers compare case-insensitively (e.g. `Dns` vs `DNS`).
 */

interface ParsedModule {
  /** Top-level interfaces, e.g. `CfnMeshProps`. */
  readonly interfaces: Map<string, ts.InterfaceDeclaration>;
  /** `namespace CfnX { interface YProperty }` keyed as `CfnX.YProperty`. */
  readonly nested: Map<string, ts.InterfaceDeclaration>;
}

// Parsing a generated .d.ts takes a moment; reuse it across calls.
const moduleCache = new Map<string, ParsedModule>();

/** `AWS::AppMesh::VirtualNode` -> service `AppMesh`, resource `VirtualNode`. */
function splitTypeName(cfnTypeName: string): { service: string; resource: string } {
  const match = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/.exec(cfnTypeName);
  if (!match) {
    throw new Error(`not a CloudFormation resource type name: '${cfnTypeName}'`);
  }
  return { service: match[1], resource: match[2] };
}

function generatedDeclarationFile(service: string): string {
  const lower = service.toLowerCase();
  // Resolve through node so hoisted/nested node_modules layouts both work.
  const pkgRoot = path.dirname(require.resolve('aws-cdk-lib/package.json'));
  const file = path.join(pkgRoot, `aws-${lower}`, 'lib', `${lower}.generated.d.ts`);
  if (!fs.existsSync(file)) {
    throw new Error(`no generated L1 declarations for service '${service}' at ${file}`);
  }
  return file;
}

function parseModule(file: string): ParsedModule {
  const cached = moduleCache.get(file);
  if (cached) {
    return cached;
  }
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const nested = new Map<string, ts.InterfaceDeclaration>();
  for (const stmt of source.statements) {
    if (ts.isInterfaceDeclaration(stmt)) {
      interfaces.set(stmt.name.text, stmt);
    } else if (ts.isModuleDeclaration(stmt) && ts.isIdentifier(stmt.name) && stmt.body && ts.isModuleBlock(stmt.body)) {
      for (const inner of stmt.body.statements) {
        if (ts.isInterfaceDeclaration(inner)) {
          nested.set(`${stmt.name.text}.${inner.name.text}`, inner);
        }
      }
    }
  }
  const parsed = { interfaces, nested };
  moduleCache.set(file, parsed);
  return parsed;
}

/**
 * The nested `CfnX.YProperty` interfaces a property type refers to, after
 * stripping `IResolvable`, unions and arrays. Empty means the property is a
 * leaf (primitive, primitive array, `CfnTag`, JSON, ...).
 */
function referencedInterfaces(type: ts.TypeNode, mod: ParsedModule): ts.InterfaceDeclaration[] {
  if (ts.isUnionTypeNode(type)) {
    return type.types.flatMap((t) => referencedInterfaces(t, mod));
  }
  if (ts.isParenthesizedTypeNode(type)) {
    return referencedInterfaces(type.type, mod);
  }
  if (ts.isArrayTypeNode(type)) {
    return referencedInterfaces(type.elementType, mod);
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    if (name === 'Array' && type.typeArguments?.length === 1) {
      return referencedInterfaces(type.typeArguments[0], mod);
    }
    // `cdk.IResolvable`, `cdk.CfnTag`, etc. live outside the module: leaves.
    const target = mod.nested.get(name);
    return target ? [target] : [];
  }
  return [];
}

function propertyName(member: ts.PropertySignature): string {
  const name = member.name.getText().replace(/^['"]|['"]$/g, '');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function collect(decl: ts.InterfaceDeclaration, prefix: string, mod: ParsedModule, seen: Set<ts.InterfaceDeclaration>, out: Set<string>): void {
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) {
      continue;
    }
    const p = prefix + propertyName(member);
    out.add(p);
    for (const target of referencedInterfaces(member.type, mod)) {
      // Guard against recursive property types (none in App Mesh today).
      if (seen.has(target)) {
        continue;
      }
      seen.add(target);
      collect(target, `${p}.`, mod, seen, out);
      seen.delete(target);
    }
  }
}

/**
 * Every nested property path of an L1 resource, sorted, e.g. for
 * `AWS::AppMesh::Mesh`: `MeshName`, `Spec`, `Spec.EgressFilter`, ... `Tags`.
 */
export function l1PropertyPaths(cfnTypeName: string): string[] {
  const { service, resource } = splitTypeName(cfnTypeName);
  const mod = parseModule(generatedDeclarationFile(service));
  const propsName = `Cfn${resource}Props`;
  const props = mod.interfaces.get(propsName);
  if (!props) {
    throw new Error(`interface ${propsName} not found for ${cfnTypeName}`);
  }
  const out = new Set<string>();
  collect(props, '', mod, new Set(), out);
  return [...out].sort();
}

/** Intrinsics (`Ref`, `Fn::*`) are opaque values: treat them as leaves. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'));
}

function walk(value: unknown, prefix: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    // Arrays add no segment: merge the paths of all elements.
    for (const item of value) {
      walk(item, prefix, out);
    }
    return;
  }
  if (value === null || typeof value !== 'object' || isIntrinsic(value as Record<string, unknown>)) {
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const p = prefix + key.toLowerCase();
    out.add(p);
    walk(child, `${p}.`, out);
  }
}

/**
 * Every key path under `Properties` of every resource of `cfnTypeName` in a
 * synthesized template (lower-cased, arrays flattened).
 */
export function templatePropertyPaths(template: any, cfnTypeName: string): Set<string> {
  const out = new Set<string>();
  const resources: Record<string, any> = template?.Resources ?? {};
  for (const resource of Object.values(resources)) {
    if (resource?.Type === cfnTypeName) {
      walk(resource.Properties ?? {}, '', out);
    }
  }
  return out;
}

/** L1 paths of `cfnTypeName` that no resource of that type in the template uses. */
export function missingPaths(template: any, cfnTypeName: string): string[] {
  const present = templatePropertyPaths(template, cfnTypeName);
  return l1PropertyPaths(cfnTypeName).filter((p) => !present.has(p.toLowerCase()));
}
