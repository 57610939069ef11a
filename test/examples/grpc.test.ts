import { describe, expect, it } from 'vitest';
import { checkOutputs, ms, parsed, resourcesByName } from './example-checks';
import { GRPC_SERVICE, buildGrpc } from '../../examples/grpc/app';
import { MeshSnapshot } from '../../lib';
import { egressHost, gatewayHost } from '../outputs/envoy/helpers';
import { evaluateEnvoy } from '../support/envoy-evaluator';
import { testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NODES = ['catalog-premium', 'catalog-standard', 'storefront'];
const MESH_FILES = [
  'ecs/catalog/catalog-gateway.taskdef.json', 'ecs/catalog/catalog-premium.taskdef.json', 'ecs/catalog/catalog-standard.taskdef.json',
  ...['catalog-gateway', ...NODES].flatMap((n) => [`envoy/catalog/${n}.appmesh.yaml`, `envoy/catalog/${n}.standalone.yaml`]),
  'lattice/catalog.json', 'migration/catalog.json', 'migration/catalog.md',
  ...NODES.map((n) => `service-connect/catalog/${n}.json`),
];

describe('examples/grpc', () => {
  const stack = buildGrpc(testApp());
  const snapshot = MeshSnapshot.ofStack(stack);
  checkOutputs('grpc', stack, snapshot, ['Grpc.template.json', ...MESH_FILES]);
  const template = parsed(snapshot, 'Grpc.template.json');
  const routes = resourcesByName(template, 'AWS::AppMesh::Route', 'RouteName');
  const storefront = parsed(snapshot, 'envoy/catalog/storefront.standalone.yaml');
  const [premium, standard] = egressHost(storefront, 'catalog.catalog.local', 50051).routes;

  it('has no diagnostics', () => {
    expect(stack.mesh.validate()).toEqual([]);
  });

  it('matches Search calls of premium tenants from version 2 clients by service, method and metadata', () => {
    const route = routes['catalog-search-premium'].Spec;
    expect(route.Priority).toBe(0);
    const { Metadata, ...match } = route.GrpcRoute.Match;
    expect(match).toEqual({ ServiceName: GRPC_SERVICE, MethodName: 'Search' });
    // Invert is false or left out (App Mesh's default): either way not inverted.
    expect(Metadata.map((m: any) => [m.Name, m.Match, m.Invert ?? false])).toEqual([
      ['x-tenant-tier', { Exact: 'premium' }, false],
      ['x-client-version', { Prefix: '2.' }, false],
    ]);
    expect(route.GrpcRoute.Action.WeightedTargets.map((t: any) => t.VirtualNode)).toEqual(['catalog-premium']);
    // gRPC is HTTP/2: service and method are the path, metadata are headers.
    expect(premium.match).toEqual({
      path: `/${GRPC_SERVICE}/Search`,
      grpc: {},
      headers: [
        { name: 'x-tenant-tier', stringMatch: { exact: 'premium' } },
        { name: 'x-client-version', stringMatch: { prefix: '2.' } },
      ],
    });
    expect(premium.route.cluster).toBe('cds_egress_catalog_catalog-premium_grpc_50051');
  });

  it('sends every other call of the service to the standard deployment', () => {
    expect(routes['catalog-default'].Spec.Priority).toBe(10);
    expect(routes['catalog-default'].Spec.GrpcRoute.Match).toEqual({ ServiceName: GRPC_SERVICE });
    expect(standard.match).toEqual({ prefix: `/${GRPC_SERVICE}/`, grpc: {} });
    expect(standard.route.cluster).toBe('cds_egress_catalog_catalog-standard_grpc_50051');
  });

  it.each([
    ['a premium version 2 Search call', 'Search', { 'x-tenant-tier': 'premium', 'x-client-version': '2.4.1' }, 'premium'],
    ['a premium version 1 Search call', 'Search', { 'x-tenant-tier': 'premium', 'x-client-version': '1.9.0' }, 'standard'],
    ['a standard tenant\'s Search call', 'Search', { 'x-tenant-tier': 'basic', 'x-client-version': '2.4.1' }, 'standard'],
    ['a premium version 2 GetItem call', 'GetItem', { 'x-tenant-tier': 'premium', 'x-client-version': '2.4.1' }, 'standard'],
  ])('storefront\'s plain Envoy sends %s to the %s deployment', (_what, method, headers, deployment) => {
    const decision = evaluateEnvoy(storefront, {
      port: 50051, path: `/${GRPC_SERVICE}/${method}`, authority: 'catalog.catalog.local', grpc: true, headers,
    }, 'lds_egress_0.0.0.0_15001');
    expect(decision.clusters).toEqual([{ name: `cds_egress_catalog_catalog-${deployment}_grpc_50051`, weight: 100 }]);
  });

  it('retries unavailable, resource-exhausted and deadline-exceeded calls 3 times, 1 s each, within 5 s', () => {
    for (const name of ['catalog-search-premium', 'catalog-default']) {
      const { RetryPolicy, Timeout } = routes[name].Spec.GrpcRoute;
      expect(RetryPolicy.MaxRetries).toBe(3);
      expect(ms(RetryPolicy.PerRetryTimeout)).toBe(1000);
      expect(RetryPolicy.GrpcRetryEvents).toEqual(['unavailable', 'resource-exhausted', 'deadline-exceeded']);
      expect(RetryPolicy.TcpRetryEvents).toEqual(['connection-error']);
      expect(ms(Timeout.PerRequest)).toBe(5000);
    }
    for (const route of [premium, standard]) {
      expect(route.route.retryPolicy.numRetries).toBe(3);
      // Envoy's gRPC retry conditions carry App Mesh's event names; the order of retry_on is not significant.
      expect(route.route.retryPolicy.retryOn.split(',').sort()).toEqual(['connect-failure', 'deadline-exceeded', 'resource-exhausted', 'unavailable']);
      expect(ms(route.route.retryPolicy.perTryTimeout)).toBe(1000);
      expect(ms(route.route.timeout)).toBe(5000);
    }
  });

  it('takes outside calls of the service through a gRPC gateway', () => {
    const gateway = resourcesByName(template, 'AWS::AppMesh::VirtualGateway', 'VirtualGatewayName')['catalog-gateway'];
    expect(gateway.Spec.Listeners[0].PortMapping).toEqual({ Port: 50051, Protocol: 'grpc' });
    const route = resourcesByName(template, 'AWS::AppMesh::GatewayRoute', 'GatewayRouteName')['catalog-grpc'].Spec.GrpcRoute;
    expect(route.Match).toEqual({ ServiceName: GRPC_SERVICE });
    expect(route.Action.Target.VirtualService.VirtualServiceName).toBe('catalog.catalog.local');
    const [envoyRoute] = gatewayHost(parsed(snapshot, 'envoy/catalog/catalog-gateway.standalone.yaml'), 50051).routes;
    expect(envoyRoute.match).toMatchObject({ prefix: `/${GRPC_SERVICE}/` });
  });
});
