/**
 * Negative tests for every mesh rule of gateway routes (lib/rules/mesh/gateway-route.ts): each asserts
 * the code, severity, construct path and field (API shape) through `mesh.validate()`, and that synthesis fails.
 */
import { describe, expect, it } from 'vitest';
import {
  GatewayRouteSpec,
  Mesh,
  VirtualGateway,
  VirtualGatewayListener,
  VirtualNodeListener,
  VirtualRouterListener,
  VirtualService,
  VirtualServiceProvider,
} from '../../../lib';
import { expectError, gatewayFixture, grpcRouteFixture, httpRouteFixture, twoListeners } from '../../support/fixtures';

describe('gateway route mesh rules', () => {
  it('AMK_GATEWAY_ROUTE_MATCH_PORT_REQUIRED: no match.port on a gateway with two listeners', () => {
    const fixture = httpRouteFixture({}, { listeners: twoListeners() });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_MATCH_PORT_REQUIRED', at: fixture.route, field: 'spec.httpRoute.match.port' });
    expect(d.message).toContain('8080, 8443');
  });

  it('AMK_GATEWAY_ROUTE_MATCH_PORT_REQUIRED: on gRPC routes too, counting listeners added later', () => {
    const fixture = grpcRouteFixture({ serviceName: 'shop.Catalog' });
    fixture.gateway.addListener(VirtualGatewayListener.grpc({ port: 9443 }));
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_MATCH_PORT_REQUIRED', at: fixture.route, field: 'spec.grpcRoute.match.port' });
  });

  it('AMK_GATEWAY_ROUTE_MATCH_PORT_UNKNOWN: a match.port no listener has', () => {
    const fixture = httpRouteFixture({ match: { port: 9999 } }, { listeners: twoListeners() });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_MATCH_PORT_UNKNOWN', at: fixture.route, field: 'spec.httpRoute.match.port' });
    expect(d.value).toBe('9999');
  });

  it('AMK_GATEWAY_ROUTE_MATCH_PORT_UNKNOWN: also on a gateway with one listener', () => {
    const fixture = httpRouteFixture({ match: { port: 9090 } });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_MATCH_PORT_UNKNOWN', at: fixture.route, field: 'spec.httpRoute.match.port' });
  });

  it('AMK_GATEWAY_ROUTE_PROTOCOL: a gRPC route on a gateway with only an http listener', () => {
    const fixture = grpcRouteFixture({ serviceName: 'shop.Catalog' }, [VirtualGatewayListener.http()]);
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_PROTOCOL', at: fixture.route, field: 'spec.grpcRoute' });
    expect(d.message).toContain('http');
  });

  it('AMK_GATEWAY_ROUTE_PROTOCOL: an http route whose match.port is the grpc listener', () => {
    const fixture = httpRouteFixture({ match: { port: 8443 } }, { listeners: twoListeners() });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_PROTOCOL', at: fixture.route, field: 'spec.httpRoute' });
    expect(d.message).toContain('port 8443');
  });

  it('AMK_GATEWAY_ROUTE_PROTOCOL: an http2 route on the default (http) listener', () => {
    const fixture = gatewayFixture();
    const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http2({ routeTarget: fixture.service }) });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_PROTOCOL', at: route, field: 'spec.http2Route' });
  });

  it('AMK_GATEWAY_ROUTE_TARGET_PORT_REQUIRED: a node provider with two listeners and no targetPort', () => {
    const fixture = httpRouteFixture({}, {}, [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })]);
    const d = expectError(fixture, {
      code: 'AMK_GATEWAY_ROUTE_TARGET_PORT_REQUIRED', at: fixture.route, field: 'spec.httpRoute.action.target.port',
    });
    expect(d.message).toContain(fixture.node.node.path);
  });

  it('AMK_GATEWAY_ROUTE_TARGET_PORT_REQUIRED: a router provider with two listeners', () => {
    const fixture = gatewayFixture();
    const router = fixture.mesh.addVirtualRouter('Router', { listeners: [VirtualRouterListener.http(8080), VirtualRouterListener.http(9090)] });
    const service = fixture.mesh.addVirtualService('Routed', { virtualServiceName: 'routed.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
    const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: service }) });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_TARGET_PORT_REQUIRED', at: route, field: 'spec.httpRoute.action.target.port' });
    expect(d.message).toContain('virtual router');
  });

  it('AMK_GATEWAY_ROUTE_TARGET_PORT_UNKNOWN: a targetPort the provider has no listener on', () => {
    const fixture = httpRouteFixture({ targetPort: 9999 }, {}, [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })]);
    const d = expectError(fixture, {
      code: 'AMK_GATEWAY_ROUTE_TARGET_PORT_UNKNOWN', at: fixture.route, field: 'spec.httpRoute.action.target.port',
    });
    expect(d.value).toBe('9999');
  });

  it('AMK_GATEWAY_ROUTE_TARGET_PORT_UNKNOWN: on gRPC routes, against a single-listener provider', () => {
    const fixture = gatewayFixture({ listeners: [VirtualGatewayListener.grpc()] }, [VirtualNodeListener.grpc({ port: 50051 })]);
    const route = fixture.gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.grpc({ routeTarget: fixture.service, targetPort: 50052, match: { serviceName: 'shop.Catalog' } }),
    });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_TARGET_PORT_UNKNOWN', at: route, field: 'spec.grpcRoute.action.target.port' });
  });

  it('AMK_GATEWAY_ROUTE_TARGET_MESH: a target service of another mesh', () => {
    const fixture = gatewayFixture();
    const other = new Mesh(fixture.stack, 'Other', { meshName: 'other' });
    const foreign = other.addVirtualService('Foreign', { virtualServiceName: 'foreign.other.local' });
    const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: foreign }) });
    const d = expectError(fixture, {
      code: 'AMK_GATEWAY_ROUTE_TARGET_MESH', at: route, field: 'spec.httpRoute.action.target.virtualService.virtualServiceName',
    });
    expect(d.message).toContain('other');
  });

  it('AMK_GATEWAY_ROUTE_TARGET_MESH: an imported service of another mesh', () => {
    const fixture = gatewayFixture();
    const foreign = VirtualService.fromVirtualServiceArn(fixture.stack, 'Foreign',
      'arn:aws:appmesh:us-east-1:111122223333:mesh/other/virtualService/foreign.other.local');
    const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: foreign }) });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_TARGET_MESH', at: route, field: 'spec.httpRoute.action.target.virtualService.virtualServiceName' });
  });

  it('skips the gateway rules for an imported gateway and the provider rules for an imported service', () => {
    const fixture = gatewayFixture();
    const gateway = VirtualGateway.fromVirtualGatewayAttributes(fixture.stack, 'Imported', { virtualGatewayName: 'edge', mesh: fixture.mesh });
    const service = VirtualService.fromVirtualServiceAttributes(fixture.stack, 'Svc', { virtualServiceName: 'x.shop.local', mesh: fixture.mesh });
    gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.grpc({ routeTarget: service, targetPort: 1234, match: { port: 4321 } }) });
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('skips the provider rules for a service without a provider', () => {
    const fixture = gatewayFixture();
    const bare = fixture.mesh.addVirtualService('Bare', { virtualServiceName: 'bare.shop.local' });
    fixture.gateway.addGatewayRoute('A', { routeSpec: GatewayRouteSpec.http({ routeTarget: bare, targetPort: 1 }) });
    expect(fixture.mesh.validate()).toEqual([]);
  });
});
