import { describe, expect, it } from 'vitest';
import { buildKitchenSink } from './support/kitchen-sink';
import { testApp } from './support/synth';
import { buildColorApp } from '../examples/color-app/app';

function templateText(build: (app: ReturnType<typeof testApp>) => unknown, stackName: string): string {
  const app = testApp();
  build(app);
  return JSON.stringify(app.synth().getStackByName(stackName).template, null, 1);
}

describe('outputs are deterministic', () => {
  it('the same app gives byte-identical templates', () => {
    expect(templateText(buildColorApp, 'ColorApp')).toBe(templateText(buildColorApp, 'ColorApp'));
    expect(templateText(buildKitchenSink, 'KitchenSink')).toBe(templateText(buildKitchenSink, 'KitchenSink'));
  });
});
