import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import {
  Diagnostic,
  DiagnosticSeverity,
  Mesh,
  MeshProps,
  ServiceDiscovery,
  VirtualNode,
  VirtualNodeBaseProps,
  VirtualNodeListener,
  VirtualNodeListenerOptions,
} from '../../lib';
import { testApp } from '../support/synth';

/** An app, one stack and one mesh with a fixed name. */
export interface MeshFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly mesh: Mesh;
}

/** A fixture with one virtual node in the mesh. */
export interface NodeFixture extends MeshFixture {
  readonly node: VirtualNode;
}

export function meshFixture(props: MeshProps = { meshName: 'shop' }): MeshFixture {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  const mesh = new Mesh(stack, 'Mesh', props);
  return { app, stack, mesh };
}

/** A node with DNS discovery (so listeners need nothing else) and the given props. */
export function nodeWithProps(props: VirtualNodeBaseProps): NodeFixture {
  const fixture = meshFixture();
  const node = fixture.mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    ...props,
  });
  return { ...fixture, node };
}

/** A node with one http listener of the given options (or the given listener objects). */
export function nodeWith(listener: VirtualNodeListenerOptions | VirtualNodeListener | VirtualNodeListener[],
  props: VirtualNodeBaseProps = {}): NodeFixture {
  const listeners = Array.isArray(listener) ? listener
    : listener instanceof VirtualNodeListener ? [listener]
      : [VirtualNodeListener.http(listener)];
  return nodeWithProps({ listeners, ...props });
}

export function codesOf(mesh: Mesh): string[] {
  return mesh.validate().map((d) => d.code);
}

export function errorsOf(mesh: Mesh): Diagnostic[] {
  return mesh.validate().filter((d) => d.severity === DiagnosticSeverity.ERROR);
}

/** The diagnostics of one code; fails (listing what there is) when there is none. */
export function findDiagnostics(mesh: Mesh, code: string): Diagnostic[] {
  const all = mesh.validate();
  const found = all.filter((d) => d.code === code);
  expect(found, `expected ${code} among ${JSON.stringify(all, null, 2)}`).not.toHaveLength(0);
  return found;
}

/** The single diagnostic of one code. */
export function findDiagnostic(mesh: Mesh, code: string): Diagnostic {
  const found = findDiagnostics(mesh, code);
  expect(found, `expected exactly one ${code}`).toHaveLength(1);
  return found[0];
}

export interface Expected {
  readonly code: string;
  readonly severity?: DiagnosticSeverity;
  /** The construct the finding is about. */
  readonly at: { node: { path: string } };
  readonly field: string;
}

/**
 * Asserts that `mesh.validate()` holds exactly one diagnostic of `code`, with the given severity
 * (default error), construct path and field, and a message and fix; returns it.
 */
export function expectDiagnostic(mesh: Mesh, expected: Expected): Diagnostic {
  const d = findDiagnostic(mesh, expected.code);
  expect(d.severity).toBe(expected.severity ?? DiagnosticSeverity.ERROR);
  expect(d.constructPath).toBe(expected.at.node.path);
  expect(d.field).toBe(expected.field);
  expect(d.message.length).toBeGreaterThan(0);
  expect(d.fix.length).toBeGreaterThan(0);
  return d;
}

/** The diagnostic's synth line starts like this: `CODE <constructPath> <field>:`. */
export function lineStart(d: { code: string; at: { node: { path: string } }; field: string }): string {
  return `${d.code} ${d.at.node.path} ${d.field}:`;
}

/** Asserts that synthesizing `app` fails with a message naming each expected code, construct path and field. */
export function expectSynthError(app: App, ...expected: Expected[]): string {
  let message: string | undefined;
  try {
    app.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message, 'synth should fail').toBeDefined();
  for (const x of expected) {
    expect(message).toContain(lineStart(x));
  }
  return message!;
}

/** An error rule, fully: the diagnostic from validate(), then the synth failure naming it. */
export function expectError(fixture: MeshFixture, expected: Expected): Diagnostic {
  const d = expectDiagnostic(fixture.mesh, expected);
  expectSynthError(fixture.app, expected);
  return d;
}

/** Asserts a warning annotation of `code` on the construct, naming its path and field (synth must have succeeded). */
export function expectWarningAnnotation(stack: Stack, expected: Expected): void {
  const warnings = Annotations.fromStack(stack).findWarning(`/${expected.at.node.path}`,
    Match.stringLikeRegexp(`^${escapeRegExp(lineStart(expected))}`));
  expect(warnings, `warning ${expected.code} on ${expected.at.node.path}`).toHaveLength(1);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
