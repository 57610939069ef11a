import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { renderValue } from '../format';

const NAME_FIELDS: Record<string, string> = {
  virtualNode: 'virtualNodeName',
  virtualService: 'virtualServiceName',
  virtualRouter: 'virtualRouterName',
  route: 'routeName',
  virtualGateway: 'virtualGatewayName',
  gatewayRoute: 'gatewayRouteName',
};

const WHERE: Record<string, string> = { route: 'in its virtual router', gatewayRoute: 'in its virtual gateway' };

/**
 * Names are unique in a mesh (a route's in its router, a gateway route's in its gateway): App Mesh
 * refuses the second resource, and the outputs named after it (Envoy files, task definitions) would
 * overwrite the first's.
 */
export function uniqueNameRule(graph: MeshGraph, member: GraphMember): Diagnostic[] {
  const field = NAME_FIELDS[member.kind];
  const first = graph.firstNamed(member);
  if (field === undefined || first === member) return [];
  return [{
    severity: DiagnosticSeverity.ERROR,
    code: 'AMK_DUPLICATE_NAME',
    constructPath: member.path,
    field,
    value: renderValue(member.name),
    message: `${first.path} already has this name ${WHERE[member.kind] ?? 'in the mesh'}; App Mesh names are unique there`,
    fix: `give one of them another ${field}`,
  }];
}

/** A mesh defined twice in one account and Region (two `Mesh` constructs): App Mesh refuses the second. */
export function duplicateMeshRule(mesh: GraphMember, earlier: GraphMember, where: string): Diagnostic[] {
  return [{
    severity: DiagnosticSeverity.ERROR,
    code: 'AMK_DUPLICATE_NAME',
    constructPath: mesh.path,
    field: 'meshName',
    value: renderValue(mesh.name),
    message: `${earlier.path} already defines this mesh ${where}; App Mesh mesh names are unique in an account and Region`,
    fix: 'give one of them another meshName, or import the mesh where it is used (Mesh.fromMeshName, Mesh.fromMeshArn)',
  }];
}
