import { LatticeAction, LatticePlan } from './lattice-model';

/**
 * A plan as plain JSON, for people and tools other than the CDK: what `MeshLattice` builds (by
 * Lattice name), which App Mesh route each rule comes from, and the `AMK_LATTICE_*` findings.
 * Fields that are absent are left out, so the same mesh gives byte-identical JSON.
 */
function latticeSummary(plan: LatticePlan): Record<string, unknown> {
  const tgNames = new Map(plan.targetGroups.map((t) => [t.key, t.name]));
  const action = (a: LatticeAction) => (a.forward
    ? { forward: a.forward.map((t) => ({ targetGroup: tgNames.get(t.targetGroup), weight: t.weight })) }
    : { fixedResponse: { statusCode: a.fixedResponse } });
  return {
    mesh: plan.meshName,
    serviceNetwork: plan.serviceNetworkName,
    ...plan.region !== undefined ? { region: plan.region } : {},
    services: plan.services.map((s) => ({
      name: s.name,
      virtualService: s.virtualServiceName,
      listeners: s.listeners.map((l) => ({
        name: l.name,
        port: l.port,
        protocol: l.protocol,
        defaultAction: action(l.defaultAction),
        ...l.defaultRouteName !== undefined ? { defaultActionFromRoute: l.defaultRouteName } : {},
        rules: l.rules.map((r) => ({ priority: r.priority, name: r.name, route: r.routeName, match: r.match, action: action(r.action) })),
      })),
    })),
    targetGroups: plan.targetGroups.map((t) => ({
      name: t.name,
      virtualNode: t.virtualNodeName,
      port: t.port,
      ecsPortName: `${t.protocol}-${t.port}`,
      protocolVersion: t.protocolVersion,
      healthCheck: t.healthCheck,
    })),
    diagnostics: plan.diagnostics,
  };
}

/** The summary as the file holds it: two-space indented JSON with one trailing newline. */
export function renderLatticeSummary(plan: LatticePlan): string {
  return `${JSON.stringify(latticeSummary(plan), null, 2)}\n`;
}
