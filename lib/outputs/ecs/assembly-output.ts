import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, ISynthesisSession, Names, Stack, attachCustomSynthesis } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IEnvoyProxiedResource } from '../envoy/envoy-config';
import { EnvoyConfigError } from '../envoy/envoy-config-error';

/** Whether a resolved value still holds a CloudFormation reference (only known after deployment). */
function hasIntrinsic(value: unknown): boolean {
  return JSON.stringify(value).match(/"(Ref|Fn::[A-Za-z]+)":/) !== null;
}

/**
 * When the app synthesizes, writes the task as `RegisterTaskDefinition` input JSON into the cloud
 * assembly: `ecs/<mesh>/<resource>.taskdef.json`. A task with values only known after deployment
 * (an environment-agnostic stack) is skipped with a note that says so.
 */
export function writeTaskDefinitionAtSynth(task: IConstruct, input: () => any, resource: IEnvoyProxiedResource): void {
  attachCustomSynthesis(task as any, {
    onSynthesize(session: ISynthesisSession) {
      const stack = Stack.of(task);
      const meshName = String(stack.resolve(resource.mesh.meshName)).replace(/[^A-Za-z0-9._-]/g, '_');
      let json: any;
      try {
        json = input();
      } catch (error) {
        if (error instanceof EnvoyConfigError) return; // reported by the task's validation already
        throw error;
      }
      if (hasIntrinsic(json)) {
        Annotations.of(task).addInfo('the RegisterTaskDefinition JSON was not written: some values are only known after deployment '
          + '(give the stack an env with account and Region to get it)');
        return;
      }
      const dir = path.join(session.outdir, 'ecs', meshName);
      fs.mkdirSync(dir, { recursive: true });
      const r = resource as any;
      const name = String(stack.resolve(r.virtualNodeName ?? r.virtualGatewayName)).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 180);
      // A second task of the same resource gets its own file, named after the task.
      let file = path.join(dir, `${name}.taskdef.json`);
      if (fs.existsSync(file)) file = path.join(dir, `${name}.${Names.uniqueId(task).slice(-40)}.taskdef.json`);
      fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    },
  });
}
