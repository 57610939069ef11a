import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvoyConfig, MeshTaskDefinition } from '../../lib';
import {
  APP_CONTAINER_KEYS, APP_MESH_ENVOY_OPTION_KEYS, MESH_TASK_OPTION_KEYS, STANDALONE_ENVOY_OPTION_KEYS, TASK_ENTRY_KEYS,
} from '../../lib/rules/option-keys';
import { APP } from '../outputs/ecs/helpers';
import { ecsFixture, thrownBy } from '../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The `readonly` members of an exported interface, read from its source file. */
function interfaceKeys(file: string, name: string): string[] {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'lib', file), 'utf8');
  const body = new RegExp(`export interface ${name}\\b[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(source)![1];
  return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1]);
}

describe('AMK_UNKNOWN_OPTION', () => {
  it.each([
    [APP_MESH_ENVOY_OPTION_KEYS, 'outputs/envoy/envoy-options.ts', 'AppMeshEnvoyOptions'],
    [STANDALONE_ENVOY_OPTION_KEYS, 'outputs/envoy/standalone-options.ts', 'StandaloneEnvoyOptions'],
    [MESH_TASK_OPTION_KEYS, 'outputs/ecs/mesh-task-options.ts', 'MeshTaskOptions'],
    [APP_CONTAINER_KEYS, 'outputs/ecs/mesh-task-options.ts', 'MeshAppContainer'],
  ])('the known keys are exactly the interface\'s (%#)', (keys, file, name) => {
    expect([...keys].sort()).toEqual(interfaceKeys(file, name).sort());
  });

  it('the task entry keys are the props interfaces\' own', () => {
    const own = [...interfaceKeys('outputs/ecs/mesh-task-definition.ts', 'MeshTaskDefinitionProps'),
      ...interfaceKeys('outputs/ecs/mesh-task-definition.ts', 'RegisterTaskDefinitionOptions')];
    expect([...TASK_ENTRY_KEYS].sort()).toEqual(own.sort());
  });

  it('a misspelled task option and app container key are findings with the key they meant', () => {
    const f = ecsFixture();
    const task = new MeshTaskDefinition(f.stack, 'Task', { virtualNode: f.node, appContainers: [{ ...APP, port: [9080] }], ignoredUID: 1 } as any);
    const lines = task.node.validate();
    expect(lines).toContainEqual(expect.stringMatching(/^AMK_UNKNOWN_OPTION Shop\/Task ignoredUID: .*Fix: did you mean ignoredUid\?$/));
    expect(lines).toContainEqual(expect.stringMatching(/^AMK_UNKNOWN_OPTION Shop\/Task appContainers\[0\]\.port: .*Fix: did you mean ports\?$/));
  });

  it('a misspelled Envoy option throws for EnvoyConfig and is a finding in a task', () => {
    const f = ecsFixture();
    expect(thrownBy(() => EnvoyConfig.standalone(f.node, { ingresPort: 16000 } as any)).message)
      .toMatch(/^AMK_UNKNOWN_OPTION Shop\/Mesh\/Cart ingresPort: .*Fix: did you mean ingressPort\?$/);
    expect(thrownBy(() => EnvoyConfig.appMesh(f.node, { tracer: 'xray' } as any)).message).toMatch(/^AMK_UNKNOWN_OPTION Shop\/Mesh\/Cart tracer: /);
    const task = new MeshTaskDefinition(f.stack, 'Task', { virtualNode: f.node, appContainers: [APP], envoyOptions: { adminport: 9902 } } as any);
    expect(task.node.validate()).toContainEqual(expect.stringMatching(/^AMK_UNKNOWN_OPTION Shop\/Task envoyOptions\.adminport: .*did you mean adminPort\?$/));
  });

  it('a key far from every option lists them all', () => {
    const f = ecsFixture();
    const error = thrownBy(() => EnvoyConfig.standalone(f.node, { colour: 'blue' } as any));
    expect(error.message).toContain('Fix: use one of adminPort, ingressPort, egressPort, sdsSocketPath, tracing');
  });
});
