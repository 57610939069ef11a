import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EnvoyConfig, Mesh, MeshTaskDefinition, VirtualNodeListener, VirtualRouter, VirtualService } from '../../lib';
import {
  APP_CONTAINER_KEYS, APP_MESH_ENVOY_OPTION_KEYS, CONSTRUCT_PROP_KEYS, MESH_TASK_OPTION_KEYS, STANDALONE_ENVOY_OPTION_KEYS, TASK_ENTRY_KEYS,
} from '../../lib/rules/option-keys';
import { APP } from '../outputs/ecs/helpers';
import { ecsFixture, expectSynthError, meshFixture, thrownBy } from '../support/fixtures';

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

/** Every property of an exported interface of the library, inherited ones included, as the compiler sees it. */
function propertiesOf(names: string[]): Record<string, string[]> {
  const index = path.join(__dirname, '..', '..', 'lib', 'index.ts');
  const program = ts.createProgram([index], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!);
  return Object.fromEntries(names.map((name) => {
    const symbol = exports.find((e) => e.name === name)!;
    return [name, checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.name)];
  }));
}

describe('AMK_UNKNOWN_OPTION on construct props', () => {
  it('the known keys of each construct are exactly its props interface\'s, inherited members included', () => {
    const actual = propertiesOf(Object.keys(CONSTRUCT_PROP_KEYS));
    for (const [name, keys] of Object.entries(CONSTRUCT_PROP_KEYS)) expect([...keys].sort(), name).toEqual(actual[name].sort());
  });

  it('a misspelled prop of a node, a router and a service is a finding at synth, with the key it meant', () => {
    const { app, mesh } = meshFixture();
    const node = mesh.addVirtualNode('Node', { listener: [VirtualNodeListener.http()] } as any);
    const router = new VirtualRouter(mesh, 'Router', { mesh, listners: [] } as any);
    const service = new VirtualService(mesh, 'Service', { mesh, virtualServiceName: 'a.local', colour: 'blue' } as any);
    const message = expectSynthError(app,
      { code: 'AMK_UNKNOWN_OPTION', at: node, field: 'listener' },
      { code: 'AMK_UNKNOWN_OPTION', at: router, field: 'listners' },
      { code: 'AMK_UNKNOWN_OPTION', at: service, field: 'colour' });
    expect(message).toContain('VirtualNodeProps has no option listener, so it would be ignored');
    expect(message).toContain('did you mean listeners?');
  });

  it('takes every key a props interface has, and a mesh without props', () => {
    const { mesh } = meshFixture({ meshName: 'shop', tags: { team: 'a' } });
    expect(mesh.validate().filter((d) => d.code === 'AMK_UNKNOWN_OPTION')).toEqual([]);
    expect(new Mesh(mesh.stack, 'Bare').validate().filter((d) => d.code === 'AMK_UNKNOWN_OPTION')).toEqual([]);
  });
});
