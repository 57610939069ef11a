import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { gatewayRouteRules } from './field/gateway-route';
import { meshRules } from './field/mesh';
import { routeRules } from './field/route';
import { virtualGatewayRules } from './field/virtual-gateway';
import { virtualNodeRules } from './field/virtual-node';
import { virtualRouterRules } from './field/virtual-router';
import { virtualServiceRules } from './field/virtual-service';
import { runFieldRules } from './field-rules';
import { sortDiagnostics } from './format';
import { gatewayRouteMeshRules } from './mesh/gateway-route';
import { routeMeshRules } from './mesh/route';
import { referenceMeshRules } from './mesh/same-mesh';
import { uniqueNameRule } from './mesh/unique-name';
import { GraphMember, MeshGraph } from '../model/mesh-graph';
import { ResourceKind, requestShape } from '../model/spec';

/** The field rules of each kind of resource (rule sets over the API request shape). */
const FIELD_RULES: Record<ResourceKind, Parameters<typeof runFieldRules>[0]> = {
  mesh: meshRules,
  virtualNode: virtualNodeRules,
  virtualService: virtualServiceRules,
  virtualRouter: virtualRouterRules,
  route: routeRules,
  virtualGateway: virtualGatewayRules,
  gatewayRoute: gatewayRouteRules,
};

/**
 * Every finding about one resource of the mesh: what its construct noticed while it was built,
 * its field rules, and the mesh rules it is the subject of (read from the graph).
 */
export function memberDiagnostics(graph: MeshGraph, member: GraphMember): Diagnostic[] {
  const model = member.model;
  const issues = model.issues.map((issue): Diagnostic => ({ severity: DiagnosticSeverity.ERROR, constructPath: model.path, ...issue }));
  return [
    ...issues,
    ...runFieldRules(FIELD_RULES[model.kind], requestShape(model), model.path),
    ...referenceMeshRules(member, graph.registry),
    ...uniqueNameRule(graph, member),
    ...(model.kind === 'route' ? routeMeshRules(graph, member) : []),
    ...(model.kind === 'gatewayRoute' ? gatewayRouteMeshRules(graph, member) : []),
  ];
}

/** Every finding about the whole mesh, in a stable order. */
export function meshDiagnostics(graph: MeshGraph): Diagnostic[] {
  return sortDiagnostics(graph.members().flatMap((member) => memberDiagnostics(graph, member)));
}
