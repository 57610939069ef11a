import { ArnComponents, ArnFormat, Fn, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The parts of an App Mesh resource ARN: `arn:…:appmesh:…:mesh/<mesh>/<kind>/<name>[/<childKind>/<child>]`. */
export interface MeshArnParts {
  readonly meshName: string;
  /** Name segments after the mesh name, in order: kind, name, [childKind, child]. */
  readonly segments: string[];
  readonly meshArn: string;
}

/** Splits an App Mesh ARN; works on tokens too (through Fn::Split / Fn::Select). */
export function parseMeshArn(scope: Construct, arn: string, segmentCount: number): MeshArnParts {
  const stack = Stack.of(scope);
  const parts = stack.splitArn(arn, ArnFormat.SLASH_RESOURCE_NAME);
  let names: string[];
  if (Token.isUnresolved(arn)) {
    // splitArn gives only the first name segment of a token ARN: split the resource part ourselves.
    const resourcePart = Fn.select(5, Fn.split(':', arn));
    names = Array.from({ length: segmentCount + 1 }, (_, i) => Fn.select(i + 1, Fn.split('/', resourcePart)));
  } else {
    names = (parts.resourceName ?? '').split('/');
  }
  const meshName = names[0];
  const meshArn = stack.formatArn({
    service: 'appmesh',
    resource: 'mesh',
    resourceName: meshName,
    account: parts.account,
    region: parts.region,
    partition: parts.partition,
  });
  return { meshName, segments: names.slice(1), meshArn };
}

/** ARN components of a resource inside a mesh: `…:mesh/<mesh>/<kind>/<name>`. */
export function meshResourceArnComponents(meshName: string, kind: string, name: string): ArnComponents {
  return { service: 'appmesh', resource: 'mesh', resourceName: `${meshName}/${kind}/${name}`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME };
}

/** The ARN of a resource known by name, in the scope's account and Region. */
export function meshResourceArn(scope: Construct, meshName: string, kind: string, name: string): string {
  return Stack.of(scope).formatArn(meshResourceArnComponents(meshName, kind, name));
}
