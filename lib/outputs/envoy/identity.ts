import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IEnvoyProxiedResource, ProxyKind } from '../../envoy-proxied-resource';
import { GraphMember } from '../../model/mesh-graph';
import { partitionOf } from '../../private/partition';
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

/** A value as a literal string; a CloudFormation reference cannot be known before deployment. */
function literal(value: unknown, constructPath: string, field: string, fix: string): string {
  if (typeof value === 'string' && !Token.isUnresolved(value)) return value;
  throw new MeshKitError({
    code: 'AMK_ENVOY_UNRESOLVABLE',
    constructPath,
    field,
    value: JSON.stringify(value),
    message: 'it is only known after deployment (a CloudFormation reference), but an Envoy configuration needs the value itself',
    fix,
  });
}

/** The literal names of a node or gateway, checked one by one (the first unknown one is reported). */
function literalNames(kind: ProxyIdentity['kind'], constructPath: string, name: unknown, meshName: unknown, region: unknown, regionFix: string) {
  return {
    name: literal(name, constructPath, `${kind}Name`, `give the ${kind === 'virtualGateway' ? 'gateway' : 'node'} a literal name`),
    meshName: literal(meshName, constructPath, 'meshName', 'give the mesh a literal name'),
    region: literal(region, constructPath, 'region', regionFix),
  };
}

/** The identity from literal names: the full ARN when account and partition are literal too, else the short name. */
function identityOf(kind: ProxyIdentity['kind'], constructPath: string, names: { name: string; meshName: string; region: string },
  account: unknown, partition: unknown): ProxyIdentity {
  const { name, meshName, region } = names;
  const shortName = `mesh/${meshName}/${kind}/${name}`;
  const arn = typeof account === 'string' && !Token.isUnresolved(account) && typeof partition === 'string' && !Token.isUnresolved(partition)
    ? `arn:${partition}:appmesh:${region}:${account}:${shortName}` : shortName;
  return { kind, constructPath, meshName, name, region, shortName, resourceArn: arn };
}

/** The identity of a virtual node or gateway (its names resolved through its stack). */
export function proxyIdentity(resource: IEnvoyProxiedResource, region: string | undefined): ProxyIdentity {
  requireProxiedResource(resource, 'an Envoy configuration');
  const kind = resource.proxyKind === ProxyKind.VIRTUAL_GATEWAY ? 'virtualGateway' : 'virtualNode';
  const stack = Stack.of(resource);
  const names = literalNames(kind, resource.node.path, stack.resolve(resource.proxyName), stack.resolve(resource.mesh.meshName),
    stack.resolve(region ?? stack.region), 'pass region in the Envoy options, or give the stack an env with a region');
  // stack.partition stays a token without @aws-cdk/core:enablePartitionLiterals; the Region tells it.
  const partition = partitionOf(names.region) ?? stack.resolve(stack.partition);
  return identityOf(kind, resource.node.path, names, stack.resolve(resource.env.account), partition);
}

/** Whether a node's or gateway's Region is known at synth (not in an environment-agnostic stack). */
export function hasLiteralRegion(member: GraphMember): boolean {
  const region = member.resolved.region;
  return typeof region === 'string' && !Token.isUnresolved(region);
}

/** The identity of a node or gateway of the graph whose Region is known (names resolved through its stack). */
export function graphProxyIdentity(member: GraphMember): ProxyIdentity {
  const model = member.resolved;
  const kind = model.kind === 'virtualGateway' ? 'virtualGateway' : 'virtualNode';
  const names = literalNames(kind, member.path, model.name, model.meshName, model.region, 'give the stack an env with a region');
  return identityOf(kind, member.path, names, model.account, partitionOf(names.region));
}
