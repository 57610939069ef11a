import { isDeepStrictEqual } from 'node:util';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { MeshAppContainer, MeshTaskDefinition } from '../../../lib';
import { logicalId } from '../../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The App Mesh Envoy image of us-east-1 (App Mesh's ECR account there). */
export const US_EAST_1_ENVOY = '840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.12.3-prod';
export const ENVOY_HEALTH_CHECK = ['CMD-SHELL', 'curl -s http://localhost:9901/server_info | grep state | grep -q LIVE'];

/** The application container most tests run: it serves the node's listener port 9080. */
export const APP: MeshAppContainer = {
  name: 'app',
  image: 'public.ecr.aws/nginx/nginx:1.27',
  ports: [9080],
  environment: { MODE: 'prod', COLOR: 'blue' },
};

/** `{ Ref: <logical id> }` of a construct's CloudFormation resource. */
export function refOf(construct: IConstruct): { Ref: string } {
  return { Ref: logicalId(construct) };
}

/** The properties of the task's AWS::ECS::TaskDefinition in the template. */
export function taskProps(template: Template, task: MeshTaskDefinition): any {
  const id = refOf(task.taskDefinition).Ref;
  const resource = template.findResources('AWS::ECS::TaskDefinition')[id];
  if (!resource) throw new Error(`no task definition ${id} in the template`);
  return resource.Properties;
}

/** A container definition of the task in the template, by name. */
export function containerNamed(props: any, name: string): any {
  const found = props.ContainerDefinitions.find((c: any) => c.Name === name);
  if (!found) throw new Error(`no container ${name} in ${props.ContainerDefinitions.map((c: any) => c.Name).join(', ')}`);
  return found;
}

/** Every statement of the AWS::IAM::Policy resources attached to the role. */
export function statementsOf(template: Template, role: IConstruct): any[] {
  const ref = refOf(role);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => (p.Properties.Roles ?? []).some((r: unknown) => isDeepStrictEqual(r, ref)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

/** `{ Name, Value }` pairs of a name → value map, as CloudFormation renders a container environment. */
export function cfnEnvironment(env: Record<string, string>): { Name: string; Value: string }[] {
  return Object.entries(env).map(([Name, Value]) => ({ Name, Value }));
}
