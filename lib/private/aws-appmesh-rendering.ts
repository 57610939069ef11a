import { CfnResource, IResolveContext, Lazy, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ReferenceModel, ResourceModel } from '../model/spec';
import { contextSwitch } from '../rules/context-switches';

/**
 * The context key that renders templates as aws-cdk-lib/aws-appmesh does where appmesh-kit deliberately
 * differs: references to other App Mesh resources as `Fn::GetAtt` (and no DependsOn, which they imply)
 * instead of plain names, and a virtual service without `virtualServiceName` named by its unique id
 * instead of its construct id. A migration from aws-appmesh can then start with an empty `cdk diff`.
 */
export const AWS_APPMESH_RENDERING_CONTEXT = 'appmesh-kit:awsAppMeshRendering';

/** Whether the app asked for aws-appmesh's rendering (`true`, or `'true'` from `cdk -c`). */
export function awsAppMeshRendering(scope: IConstruct): boolean {
  return contextSwitch(scope, AWS_APPMESH_RENDERING_CONTEXT) === true;
}

const NAME_ATTRIBUTES: Record<string, string> = {
  mesh: 'MeshName',
  virtualNode: 'VirtualNodeName',
  virtualService: 'VirtualServiceName',
  virtualRouter: 'VirtualRouterName',
  virtualGateway: 'VirtualGatewayName',
};

/**
 * A resource's name as aws-appmesh renders a reference to it: `Fn::GetAtt` of its name in the same
 * environment (CDK exports it across stacks), the plain name across environments or for an import.
 */
export function nameReference(target: IConstruct, kind: string, name: string): string {
  const l1 = target.node.tryFindChild('Resource');
  const attribute = NAME_ATTRIBUTES[kind];
  if (!(l1 instanceof CfnResource) || attribute === undefined) return name;
  const own = Stack.of(target);
  return Lazy.uncachedString({
    produce: (context: IResolveContext) => {
      const consumer = Stack.of(context.scope);
      const sameEnvironment = consumer.account === own.account && consumer.region === own.region;
      return sameEnvironment ? Token.asString(l1.getAtt(attribute)) : name;
    },
  });
}

/** Fields aws-appmesh writes as a plain name even so: backends (a GetAtt there makes cycles, aws-cdk#17322). */
const PLAIN_FIELDS = /^spec\.backends\[/;

/** The spec of a model with its references as aws-appmesh renders them. */
export function specWithAwsAppMeshReferences(model: ResourceModel<unknown>): unknown {
  const spec = structuredCloneOf(model.spec);
  for (const reference of model.references) {
    if (PLAIN_FIELDS.test(reference.field)) continue;
    const target = reference.mesh.members().find((member) => member.node.path === reference.path);
    if (target) setField(spec, reference.field, nameReference(target, reference.kind, reference.name));
  }
  return spec;
}

/** A deep copy of plain model data (tokens and value objects kept as they are). */
function structuredCloneOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCloneOf);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneOf(v)]));
}

/** Sets `spec.a.b[2].c` (a reference's field, which starts at the spec) in the spec. */
function setField(spec: unknown, field: ReferenceModel['field'], value: string): void {
  const steps = field.replace(/^spec\./, '').split(/\.|(?=\[)/).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));
  let at = spec as Record<string | number, unknown> | undefined;
  for (const step of steps.slice(0, -1)) at = at?.[step] as Record<string | number, unknown> | undefined;
  if (at && typeof at === 'object') at[steps[steps.length - 1]] = value;
}
