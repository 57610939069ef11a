/**
 * The App Mesh resources of a template as the round trip compares them, resolved and normalized
 * independently of the import: keyed by type and names, Fn::GetAtt/Ref of App Mesh resources
 * replaced by the names they stand for. Three differences of form that mean the same to App Mesh
 * are evened out, everything else must be equal:
 * - durations as milliseconds (`{ Unit: 's', Value: 5 }` is `{ Unit: 'ms', Value: 5000 }`);
 * - a client policy's TLS without `Enforce` is `Enforce: true`, App Mesh's default (appmesh-kit
 *   renders it);
 * - the keys of a JSON access log format and of Cloud Map attributes in key order (appmesh-kit
 *   takes them as an object and renders them sorted).
 */
type Resources = Record<string, { Type?: string; Properties?: Record<string, unknown> }>;

const NAME: Record<string, string> = {
  'AWS::AppMesh::Mesh': 'MeshName',
  'AWS::AppMesh::VirtualNode': 'VirtualNodeName',
  'AWS::AppMesh::VirtualService': 'VirtualServiceName',
  'AWS::AppMesh::VirtualRouter': 'VirtualRouterName',
  'AWS::AppMesh::Route': 'RouteName',
  'AWS::AppMesh::VirtualGateway': 'VirtualGatewayName',
  'AWS::AppMesh::GatewayRoute': 'GatewayRouteName',
};

const KEYED_LISTS = new Set(['Json', 'Attributes']);

function normalize(value: unknown, resources: Resources, parent = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, resources));
    const key = (item: unknown) => String((item as { Key?: unknown }).Key);
    return KEYED_LISTS.has(parent) ? items.sort((a, b) => key(a).localeCompare(key(b))) : items;
  }
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if ('Fn::GetAtt' in o) {
    const [id, attribute] = o['Fn::GetAtt'] as [string, string];
    return normalize(resources[id].Properties?.[attribute], resources);
  }
  if ('Ref' in o) {
    const target = resources[o.Ref as string];
    return normalize(target.Properties?.[NAME[target.Type!]], resources);
  }
  const keys = Object.keys(o);
  const tls = o.TLS as Record<string, unknown> | undefined;
  if (parent === 'ClientPolicy' && tls && !('Enforce' in tls)) return normalize({ ...o, TLS: { ...tls, Enforce: true } }, resources, parent);
  if (keys.length === 2 && keys.includes('Unit') && keys.includes('Value')) {
    return { milliseconds: Number(o.Value) * (o.Unit === 's' ? 1000 : 1) };
  }
  return Object.fromEntries(keys.sort().map((k) => [k, normalize(o[k], resources, k)]));
}

export function appMeshProperties(template: { Resources: Record<string, unknown> }): Record<string, unknown> {
  const resources = template.Resources as Resources;
  const out: Record<string, unknown> = {};
  for (const resource of Object.values(resources)) {
    if (!resource.Type?.startsWith('AWS::AppMesh::')) continue;
    const properties = normalize(resource.Properties ?? {}, resources) as Record<string, unknown>;
    const key = [resource.Type, properties.MeshName, properties.VirtualRouterName ?? properties.VirtualGatewayName, properties[NAME[resource.Type]]]
      .filter((k) => k !== undefined).join(' ');
    out[key] = properties;
  }
  return out;
}
