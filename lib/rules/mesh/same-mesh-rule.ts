import { Token } from 'aws-cdk-lib';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { renderValue } from '../format';
import { sameMesh } from './same-mesh';

/**
 * Mesh rules: checks across resources, each reported on the resource that holds the reference.
 */

/** A referenced resource must belong to the same mesh as the resource that references it. */
export function sameMeshRule(args: {
  code: string;
  constructPath: string;
  field: string;
  what: string;
  mesh: { meshName: string };
  referencedMesh: { meshName: string } | undefined;
  referencedName: string;
  fix: string;
}): Diagnostic[] {
  if (!args.referencedMesh || sameMesh(args.mesh, args.referencedMesh) !== false) return [];
  return [{
    severity: DiagnosticSeverity.ERROR,
    code: args.code,
    constructPath: args.constructPath,
    field: args.field,
    value: renderValue(args.referencedName),
    message: `${args.what} belongs to mesh ${meshLabel(args.referencedMesh)}, not to this resource's mesh ${meshLabel(args.mesh)}`,
    fix: args.fix,
  }];
}

/** A mesh as a reader knows it: its name, or its construct path while the name is a token. */
function meshLabel(mesh: { meshName: string }): string {
  return Token.isUnresolved(mesh.meshName) ? ((mesh as any).node?.path ?? 'an imported mesh') : mesh.meshName;
}
