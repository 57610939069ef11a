import { describe, expect, it } from 'vitest';
import { checkOutputs, ms, parsed, resourcesByName } from './example-checks';
import { ROLLOUT_STEPS, buildCanaryRollout } from '../../examples/canary-rollout/app';
import { EnvoyConfig, MeshSnapshot } from '../../lib';
import { egressHost, expectValid } from '../outputs/envoy/helpers';
import { evaluateEnvoy } from '../support/envoy-evaluator';
import { testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const MESH_FILES = [
  'ecs/shop/checkout-v1.taskdef.json', 'ecs/shop/checkout-v2.taskdef.json',
  'envoy/shop/checkout-v1.appmesh.yaml', 'envoy/shop/checkout-v1.standalone.yaml',
  'envoy/shop/checkout-v2.appmesh.yaml', 'envoy/shop/checkout-v2.standalone.yaml',
  'envoy/shop/frontend.appmesh.yaml', 'envoy/shop/frontend.standalone.yaml',
  'lattice/shop.json', 'migration/shop.json', 'migration/shop.md',
  'service-connect/shop/checkout-v1.json', 'service-connect/shop/checkout-v2.json', 'service-connect/shop/frontend.json',
];

/** The weights of the rollout route at each step, in the order of the targets. */
const WEIGHTS: Record<string, [string, number][]> = {
  'stable': [['checkout-v1', 100]],
  'canary': [['checkout-v1', 90], ['checkout-v2', 10]],
  'half': [['checkout-v1', 50], ['checkout-v2', 50]],
  'promoted': [['checkout-v2', 100]],
  'rolled-back': [['checkout-v1', 100]],
};

const CLUSTER = (version: string) => `cds_egress_shop_checkout-${version}_http_8080`;

describe('examples/canary-rollout', () => {
  // The default step, as `npx cdk synth` runs it.
  const stack = buildCanaryRollout(testApp());
  const snapshot = MeshSnapshot.ofStack(stack);
  checkOutputs('canary-rollout', stack, snapshot, ['CanaryRollout.template.json', ...MESH_FILES]);

  it('has no diagnostics and defaults to the canary step', () => {
    expect(stack.mesh.validate()).toEqual([]);
    const routes = resourcesByName(parsed(snapshot, 'CanaryRollout.template.json'), 'AWS::AppMesh::Route', 'RouteName');
    expect(routes['checkout-rollout'].Spec.HttpRoute.Action.WeightedTargets.map((t: any) => [t.VirtualNode, t.Weight])).toEqual(WEIGHTS.canary);
  });

  it('takes the step from the rolloutStep context (cdk synth -c rolloutStep=half), and rejects an unknown one', () => {
    const app = testApp();
    app.node.setContext('rolloutStep', 'half');
    const half = parsed(MeshSnapshot.ofStack(buildCanaryRollout(app), { outputs: [] }), 'CanaryRollout.template.json');
    const route = resourcesByName(half, 'AWS::AppMesh::Route', 'RouteName')['checkout-rollout'];
    expect(route.Spec.HttpRoute.Action.WeightedTargets.map((t: any) => [t.VirtualNode, t.Weight])).toEqual(WEIGHTS.half);
    expect(ROLLOUT_STEPS).toEqual(Object.keys(WEIGHTS));
    expect(() => buildCanaryRollout(testApp(), 'everything')).toThrow(/unknown rollout step 'everything'/);
  });
});

describe.each(ROLLOUT_STEPS)('examples/canary-rollout at step %s', (step) => {
  const stack = buildCanaryRollout(testApp(), step);
  const template = parsed(MeshSnapshot.ofStack(stack, { outputs: [] }), 'CanaryRollout.template.json');
  const routes = resourcesByName(template, 'AWS::AppMesh::Route', 'RouteName');
  const frontend = expectValid(EnvoyConfig.standalone(stack.frontend));
  const [preview, rollout] = egressHost(frontend, 'checkout.shop.local', 8080).routes;

  it(`sends ${WEIGHTS[step].map(([node, w]) => `${w} % to ${node}`).join(', ')}`, () => {
    expect(stack.mesh.validate()).toEqual([]);
    expect(routes['checkout-rollout'].Spec.HttpRoute.Action.WeightedTargets.map((t: any) => [t.VirtualNode, t.Weight])).toEqual(WEIGHTS[step]);
  });

  it('plain Envoy splits the traffic the same way', () => {
    const expected = WEIGHTS[step].map(([node, weight]) => ({ name: CLUSTER(node.replace('checkout-', '')), weight }));
    if (expected.length === 1) {
      expect(rollout.route.cluster).toBe(expected[0].name);
      expect(rollout.route.weightedClusters).toBeUndefined();
    } else {
      expect(rollout.route.weightedClusters.clusters).toEqual(expected);
    }
  });

  it('keeps the retries (3 of 2 s on server and gateway errors and refused connections) and timeouts (8 s, 30 s idle)', () => {
    for (const name of ['checkout-preview', 'checkout-rollout']) {
      const route = routes[name].Spec.HttpRoute;
      expect(route.RetryPolicy.MaxRetries).toBe(3);
      expect(ms(route.RetryPolicy.PerRetryTimeout)).toBe(2000);
      expect(route.RetryPolicy.HttpRetryEvents).toEqual(['server-error', 'gateway-error']);
      expect(route.RetryPolicy.TcpRetryEvents).toEqual(['connection-error']);
      expect(ms(route.Timeout.PerRequest)).toBe(8000);
      expect(ms(route.Timeout.Idle)).toBe(30000);
    }
    for (const route of [preview, rollout]) {
      expect(route.route.retryPolicy).toMatchObject({ numRetries: 3, retryOn: '5xx,gateway-error,connect-failure' });
      expect(ms(route.route.retryPolicy.perTryTimeout)).toBe(2000);
      expect(ms(route.route.timeout)).toBe(8000);
      expect(ms(route.route.idleTimeout)).toBe(30000);
    }
  });

  it('sends x-canary: always to v2 first, whatever the step', () => {
    const route = routes['checkout-preview'].Spec;
    expect(route.Priority).toBe(0);
    expect(routes['checkout-rollout'].Spec.Priority).toBe(10);
    expect(route.HttpRoute.Match.Headers.map((h: any) => [h.Name, h.Match, h.Invert ?? false])).toEqual([['x-canary', { Exact: 'always' }, false]]);
    expect(route.HttpRoute.Action.WeightedTargets.map((t: any) => [t.VirtualNode, t.Weight])).toEqual([['checkout-v2', 100]]);
    expect(preview.match.headers).toEqual([{ name: 'x-canary', stringMatch: { exact: 'always' } }]);
    const request = { port: 8080, path: '/cart', authority: 'checkout.shop.local' };
    const clustersFor = (headers?: Record<string, string>) => evaluateEnvoy(frontend, { ...request, headers }, 'lds_egress_0.0.0.0_15001').clusters;
    expect(clustersFor({ 'x-canary': 'always' })).toEqual([{ name: CLUSTER('v2'), weight: 100 }]);
    expect(clustersFor({ 'x-canary': 'never' })).toEqual(WEIGHTS[step].map(([node, weight]) => ({ name: CLUSTER(node.replace('checkout-', '')), weight })));
  });
});
