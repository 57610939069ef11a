import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, Names } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { appendTo } from '../../model/append-to';
import { RegisterTaskDefinitionInput } from '../../model/ecs-task';
import { MeshRegistry } from '../../model/registry';
import { MeshOutputContext, fileName, proxyFileStem, registerMeshOutput } from '../../private/mesh-outputs';
import { MeshKitError } from '../../rules/mesh-kit-error';

/** A task definition of a mesh resource, to be written as `RegisterTaskDefinition` JSON. */
export interface TaskFile {
  readonly task: IConstruct;
  /** Whether the task runs a virtual node's or a virtual gateway's Envoy. */
  readonly resourceKind: 'virtualNode' | 'virtualGateway';
  /** The node's or gateway's name, resolved. */
  resourceName(): string;
  /** The JSON, resolved (throws a MeshKitError when the Envoy configuration cannot be built). */
  input(): RegisterTaskDefinitionInput;
}

const TASKS = new WeakMap<MeshRegistry, TaskFile[]>();

/** Adds a task definition to the ECS files of its resource's mesh. */
export function registerTaskFile(registry: MeshRegistry, file: TaskFile): void {
  appendTo(TASKS, registry, file);
}

/** Whether a resolved value still holds a CloudFormation reference (only known after deployment). */
function hasIntrinsic(value: unknown): boolean {
  return JSON.stringify(value).match(/"(Ref|Fn::[A-Za-z]+)":/) !== null;
}


/**
 * Writes each task definition of the mesh as `RegisterTaskDefinition` input JSON into the cloud
 * assembly: `ecs/<mesh>/<resource>.taskdef.json`, overwritten on every synthesis. A second task
 * of the same resource gets a file named after the task. A task with values only known after
 * deployment (an environment-agnostic stack) is skipped with a note that says so.
 */
function writeTaskFiles(context: MeshOutputContext): void {
  const tasks = TASKS.get(context.graph.registry) ?? [];
  if (tasks.length === 0) return;
  const meshName = fileName(context.meshFileStem);
  const written = new Set<string>();
  for (const file of tasks) {
    let json: RegisterTaskDefinitionInput;
    try {
      json = file.input();
    } catch (error) {
      if (error instanceof MeshKitError) continue; // reported by the task's validation already
      throw error;
    }
    if (hasIntrinsic(json)) {
      Annotations.of(file.task).addInfo('the RegisterTaskDefinition JSON was not written: some values are only known after deployment '
        + '(give the stack an env with account and Region to get it)');
      continue;
    }
    const dir = path.join(context.outdir, 'ecs', meshName);
    const name = fileName(proxyFileStem(context.graph.registry, file.resourceKind, file.resourceName()).slice(0, 180));
    let taskFile = `${name}.taskdef.json`;
    if (written.has(taskFile)) taskFile = `${name}.${Names.uniqueId(file.task).slice(-40)}.taskdef.json`;
    written.add(taskFile);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, taskFile), `${JSON.stringify(json, null, 2)}\n`);
  }
}


registerMeshOutput({ name: 'ecs', write: writeTaskFiles });
