import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { IEnvoyProxiedResource, ProxyKind } from '../../envoy-proxied-resource';
import { GraphMember } from '../../model/mesh-graph';
import { renderValue } from '../../rules/format';
import { MeshKitError } from '../../rules/mesh-kit-error';

/** Who an Envoy proxy is: a virtual node or gateway of a mesh, and where. */
export interface ProxyIdentity {
  readonly kind: 'virtualNode' | 'virtualGateway';
  readonly constructPath: string;
  readonly meshName: string;
  readonly name: string;
  readonly region: string;
  /** `mesh/<mesh>/<kind>/<name>`: accepted by Envoy wherever it names itself. */
  readonly shortName: string;
  /** The full ARN when account and partition are known, else the short name. */
  readonly resourceArn: string;
}

/**
 * A virtual node or gateway, checked: TypeScript refuses anything else at compile time, and a
 * plain-JavaScript caller that passes a router or a service gets this coded error instead.
 */
export function requireProxiedResource(resource: IEnvoyProxiedResource, where: string): void {
  const kind = (resource as Partial<IEnvoyProxiedResource> | null | undefined)?.proxyKind;
  if (kind === ProxyKind.VIRTUAL_NODE || kind === ProxyKind.VIRTUAL_GATEWAY) return;
  const path = (resource as Partial<IConstruct> | null | undefined)?.node?.path;
  throw new MeshKitError({
    code: 'AMK_PROXY_RESOURCE',
    constructPath: path ?? '(no construct)',
    field: 'resource',
    value: path === undefined ? renderValue(resource) : undefined,
    message: `${where} takes a virtual node or a virtual gateway (what an Envoy proxy runs as)`,
    fix: 'pass a VirtualNode or VirtualGateway (or one imported with fromVirtualNodeArn / fromVirtualGatewayArn)',
  });
}

/** Resolves a value through the stack; a CloudFormation reference cannot be known before deployment. */
export function resolveLiteral(scope: IConstruct, value: unknown, what: string, fix: string): string {
  const resolved = Stack.of(scope).resolve(value);
  if (typeof resolved !== 'string' || Token.isUnresolved(resolved)) {
    throw new MeshKitError({
      code: 'AMK_ENVOY_UNRESOLVABLE',
      constructPath: scope.node.path,
      field: what,
      value: JSON.stringify(resolved),
      message: 'it is only known after deployment (a CloudFormation reference), but an Envoy configuration needs the value itself',
      fix,
    });
  }
  return resolved;
}

/** The identity of a virtual node or gateway (its names resolved through its stack). */
export function proxyIdentity(resource: IEnvoyProxiedResource, region: string | undefined): ProxyIdentity {
  requireProxiedResource(resource, 'an Envoy configuration');
  const kind = resource.proxyKind === ProxyKind.VIRTUAL_GATEWAY ? 'virtualGateway' : 'virtualNode';
  const name = resolveLiteral(resource, resource.proxyName, `${kind}Name`,
    `give the ${kind === 'virtualGateway' ? 'gateway' : 'node'} a literal name`);
  const meshName = resolveLiteral(resource, resource.mesh.meshName, 'meshName', 'give the mesh a literal name');
  const stack = Stack.of(resource);
  const resolvedRegion = resolveLiteral(resource, region ?? stack.region, 'region',
    'pass region in the Envoy options, or give the stack an env with a region');
  const shortName = `mesh/${meshName}/${kind}/${name}`;
  const account = stack.resolve(resource.env.account);
  // stack.partition stays a token without @aws-cdk/core:enablePartitionLiterals; the Region tells it.
  const partition = RegionInfo.get(resolvedRegion).partition ?? stack.resolve(stack.partition);
  const arn = typeof account === 'string' && !Token.isUnresolved(account) && typeof partition === 'string' && !Token.isUnresolved(partition)
    ? `arn:${partition}:appmesh:${resolvedRegion}:${account}:${shortName}` : shortName;
  return { kind, constructPath: resource.node.path, meshName, name, region: resolvedRegion, shortName, resourceArn: arn };
}

/** Whether a node's or gateway's Region is known at synth (not in an environment-agnostic stack). */
export function hasLiteralRegion(member: GraphMember): boolean {
  const region = member.resolved.region;
  return typeof region === 'string' && !Token.isUnresolved(region);
}

/** The identity of a node or gateway of the graph whose Region is known (names resolved through its stack). */
export function graphProxyIdentity(member: GraphMember): ProxyIdentity {
  const model = member.resolved;
  const literal = (value: unknown, field: string, fix: string): string => {
    if (typeof value === 'string' && !Token.isUnresolved(value)) return value;
    throw new MeshKitError({
      code: 'AMK_ENVOY_UNRESOLVABLE',
      constructPath: member.path,
      field,
      value: JSON.stringify(value),
      message: 'it is only known after deployment (a CloudFormation reference), but an Envoy configuration needs the value itself',
      fix,
    });
  };
  const kind = model.kind === 'virtualGateway' ? 'virtualGateway' : 'virtualNode';
  const name = literal(model.name, `${kind}Name`, `give the ${kind === 'virtualGateway' ? 'gateway' : 'node'} a literal name`);
  const meshName = literal(model.meshName, 'meshName', 'give the mesh a literal name');
  const region = literal(model.region, 'region', 'give the stack an env with a region');
  const shortName = `mesh/${meshName}/${kind}/${name}`;
  const partition = RegionInfo.get(region).partition;
  const account = model.account;
  const arn = typeof account === 'string' && !Token.isUnresolved(account) && partition !== undefined
    ? `arn:${partition}:appmesh:${region}:${account}:${shortName}` : shortName;
  return { kind, constructPath: member.path, meshName, name, region, shortName, resourceArn: arn };
}
