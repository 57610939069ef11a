import { Lazy, Names } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MeshMember, MeshRegistry } from '../model/registry';
import { reportAtSynth } from '../rules/synth-report';

/**
 * The name a resource gets when none is given: unique in the app, derived from its construct
 * path. Takes the construct lazily, since the name is passed to `super` before `this` exists.
 */
export function generatedName(self: () => IConstruct): string {
  return Lazy.string({ produce: () => Names.uniqueResourceName(self(), { maxLength: 255 }) });
}

/** Registers a resource with its mesh, and has its diagnostics reported at synth. */
export function joinMesh(member: MeshMember, mesh: object): void {
  MeshRegistry.of(mesh).register(member);
  reportAtSynth(member, () => member._diagnostics());
}
