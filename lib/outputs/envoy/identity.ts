import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { EnvoyConfigError } from './envoy-config-error';

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

/** Resolves a value through the stack; a CloudFormation reference cannot be known before deployment. */
export function resolveLiteral(scope: IConstruct, value: unknown, what: string, fix: string): string {
  const resolved = Stack.of(scope).resolve(value);
  if (typeof resolved !== 'string' || Token.isUnresolved(resolved)) {
    throw new EnvoyConfigError(scope.node.path, what, JSON.stringify(resolved),
      'it is only known after deployment (a CloudFormation reference), but an Envoy configuration needs the value itself', fix);
  }
  return resolved;
}

/** The identity of a virtual node or gateway (its names resolved through its stack). */
export function proxyIdentity(resource: any, region: string | undefined): ProxyIdentity {
  const kind = resource._kind === 'virtualGateway' || resource.virtualGatewayName !== undefined ? 'virtualGateway' : 'virtualNode';
  const name = resolveLiteral(resource, kind === 'virtualGateway' ? resource.virtualGatewayName : resource.virtualNodeName,
    `${kind}Name`, `give the ${kind === 'virtualGateway' ? 'gateway' : 'node'} a literal name`);
  const meshName = resolveLiteral(resource, resource.mesh.meshName, 'meshName', 'give the mesh a literal name');
  const stack = Stack.of(resource);
  const regionValue = region ?? stack.region;
  const resolvedRegion = resolveLiteral(resource, regionValue, 'region',
    'pass region in the Envoy options, or give the stack an env with a region');
  const shortName = `mesh/${meshName}/${kind}/${name}`;
  const account = stack.resolve(resource.env?.account ?? stack.account);
  // stack.partition stays a token without @aws-cdk/core:enablePartitionLiterals; the Region tells it.
  const partition = RegionInfo.get(resolvedRegion).partition ?? stack.resolve(stack.partition);
  const arn = typeof account === 'string' && !Token.isUnresolved(account) && typeof partition === 'string' && !Token.isUnresolved(partition)
    ? `arn:${partition}:appmesh:${resolvedRegion}:${account}:${shortName}` : shortName;
  return { kind, constructPath: resource.node.path, meshName, name, region: resolvedRegion, shortName, resourceArn: arn };
}
