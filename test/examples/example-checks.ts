import { Stack } from 'aws-cdk-lib';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { MeshSnapshot } from '../../lib';
import { expectValid } from '../outputs/envoy/helpers';
import { synthTemplate } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A CloudFormation duration (`{ Unit, Value }`) or an Envoy one (`'1.5s'`) in milliseconds, whatever unit it is written in. */
export function ms(duration: { Unit: string; Value: number } | string): number {
  if (typeof duration === 'string') {
    const seconds = /^(\d+(?:\.\d+)?)s$/.exec(duration);
    expect(seconds, `Envoy duration ${duration}`).not.toBeNull();
    return Math.round(Number(seconds![1]) * 1000);
  }
  expect(['ms', 's'], `unit of ${JSON.stringify(duration)}`).toContain(duration.Unit);
  return duration.Unit === 's' ? duration.Value * 1000 : duration.Value;
}

/** The template's resources of a type, by a name property (`RouteName`, `VirtualNodeName`, …). */
export function resourcesByName(template: any, type: string, nameProperty: string): Record<string, any> {
  return Object.fromEntries(Object.values(template.Resources as Record<string, any>)
    .filter((r) => r.Type === type)
    .map((r) => [r.Properties[nameProperty], r.Properties]));
}

/** The parsed content of a snapshot file (JSON or YAML). */
export function parsed(snapshot: MeshSnapshot, name: string): any {
  const text = snapshot.file(name);
  return name.endsWith('.yaml') ? load(text) : JSON.parse(text);
}

/**
 * The checks every example gets, for one stack of it: the template is written for cfn-lint, every
 * Envoy configuration passes the strict Envoy v3 check, and every file of the snapshot matches its
 * reviewed copy in `__snapshots__/<example>/` (one file each, so a rendering change regenerates per file).
 */
export function checkOutputs(example: string, stack: Stack, snapshot: MeshSnapshot, expectedFiles: string[]): void {
  describe(`${stack.stackName}: outputs`, () => {
    synthTemplate(stack, `example-${example}-${stack.stackName}`);

    it('holds the template and every output the example should write', () => {
      expect(snapshot.fileNames).toEqual(expectedFiles);
    });

    it.each(snapshot.fileNames.filter((name) => name.startsWith('envoy/')))('%s passes the Envoy v3 check', (name) => {
      expectValid(parsed(snapshot, name));
    });

    it.each(snapshot.fileNames)('%s matches its reviewed snapshot', async (name) => {
      await expect(snapshot.file(name)).toMatchFileSnapshot(`./__snapshots__/${example}/${name}`);
    });
  });
}
