import { Token, TokenComparison } from 'aws-cdk-lib';
import { GraphMember } from '../../model/mesh-graph';
import { MeshRegistry } from '../../model/registry';
import { ReferenceModel } from '../../model/spec';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { renderValue } from '../format';

/**
 * Whether two meshes are the same mesh: true, false, or undefined when it cannot be known
 * before deployment (names that are tokens on both sides of an import).
 */
export function sameMesh(a: MeshRegistry, b: MeshRegistry): boolean | undefined {
  if (a === b) return true;
  if (a.owned && b.owned) return false;
  const comparison = Token.compareStrings(a.meshName, b.meshName);
  if (comparison === TokenComparison.SAME) return true;
  if (comparison === TokenComparison.DIFFERENT) return false;
  return undefined;
}

/** A mesh as a reader knows it: its name, or its construct path while the name is a token. */
export function meshLabel(mesh: MeshRegistry): string {
  return Token.isUnresolved(mesh.meshName) ? mesh.path : mesh.meshName;
}

/** How each kind of reference is checked: its code, what it is, the name to show, and the fix. */
interface ReferenceRule {
  readonly code: string;
  readonly what: string;
  /** Shows the referenced resource by its construct path instead of its name. */
  readonly byPath?: boolean;
  readonly fix: string;
}

const BACKEND: ReferenceRule = {
  code: 'AMK_BACKEND_MESH',
  what: 'the backend virtual service',
  fix: 'use a virtual service of the same mesh (App Mesh has no cross-mesh backends; route through a virtual gateway instead)',
};
const PROVIDER: ReferenceRule = {
  code: 'AMK_PROVIDER_MESH', what: 'the provider', byPath: true, fix: 'use a provider from the virtual service\'s own mesh',
};
export const ROUTE_TARGET: ReferenceRule = {
  code: 'AMK_TARGET_MESH', what: 'the target virtual node', fix: 'route only to virtual nodes of the router\'s mesh',
};
export const GATEWAY_ROUTE_TARGET: ReferenceRule = {
  code: 'AMK_GATEWAY_ROUTE_TARGET_MESH',
  what: 'the target virtual service',
  fix: 'target a virtual service of the gateway\'s own mesh (a gateway routes only into its mesh)',
};

/** A referenced resource must belong to the same mesh as the resource that references it. */
export function sameMeshRule(member: GraphMember, mesh: MeshRegistry, reference: ReferenceModel, rule: ReferenceRule): Diagnostic[] {
  if (sameMesh(mesh, reference.mesh) !== false) return [];
  return [{
    severity: DiagnosticSeverity.ERROR,
    code: rule.code,
    constructPath: member.path,
    field: reference.field,
    value: renderValue(rule.byPath ? reference.path : reference.name),
    message: `${rule.what} belongs to mesh ${meshLabel(reference.mesh)}, not to this resource's mesh ${meshLabel(mesh)}`,
    fix: rule.fix,
  }];
}

/** Same-mesh rules of a node's backends and a service's provider. */
export function referenceMeshRules(member: GraphMember, mesh: MeshRegistry): Diagnostic[] {
  const rule = member.kind === 'virtualNode' ? BACKEND : member.kind === 'virtualService' ? PROVIDER : undefined;
  return rule ? member.model.references.flatMap((reference) => sameMeshRule(member, mesh, reference, rule)) : [];
}
