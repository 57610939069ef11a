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
