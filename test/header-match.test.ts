import { describe, expect, it } from 'vitest';
import {
  Backend, GatewayRouteSpec, HeaderMatch, QueryParameterMatch, RouteSpec, ServiceDiscovery, VirtualGatewayListener,
  VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../lib';
import { egressHost, gatewayHost, standalone } from './outputs/envoy/helpers';
import { ENV, meshFixture } from './support/fixtures';
import { synthTemplate } from './support/synth';

/** A router with one route of the given spec, a caller of its service, and a gateway in front of it. */
function world(spec: RouteSpec, protocol: 'http' | 'grpc' = 'http') {
  const { stack, mesh } = meshFixture({}, { env: ENV, stackId: `Presence${protocol}` });
  const listener = protocol === 'grpc' ? VirtualNodeListener.grpc() : VirtualNodeListener.http();
  const target = mesh.addVirtualNode('Target', { virtualNodeName: 'target', serviceDiscovery: ServiceDiscovery.dns('target.shop.local'), listeners: [listener] });
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'r', listeners: [protocol === 'grpc' ? VirtualRouterListener.grpc() : VirtualRouterListener.http()] });
  const route = router.addRoute('Route', { routeName: 'route', routeSpec: spec }).to(target);
  const service = mesh.addVirtualService('Service', { virtualServiceName: 'svc.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const caller = mesh.addVirtualNode('Caller', {
    virtualNodeName: 'caller', serviceDiscovery: ServiceDiscovery.dns('caller.shop.local'), backends: [Backend.virtualService(service)],
  });
  const gateway = mesh.addVirtualGateway('Gateway', {
    virtualGatewayName: 'gw', listeners: [protocol === 'grpc' ? VirtualGatewayListener.grpc() : VirtualGatewayListener.http()],
  });
  return { stack, mesh, route, service, caller, gateway };
}

describe('presence-only matches: a header, gRPC metadata entry or query parameter with any value', () => {
  it('render as a header with no match and a query parameter with no match in CloudFormation', () => {
    const w = world(RouteSpec.http({ match: { headers: [HeaderMatch.isPresent('x-canary')], queryParameters: [QueryParameterMatch.isPresent('debug')] } }));
    synthTemplate(w.stack, 'presence-matches').hasResourceProperties('AWS::AppMesh::Route', {
      Spec: { HttpRoute: { Match: { Headers: [{ Name: 'x-canary', Invert: false }], QueryParameters: [{ Name: 'debug' }] } } },
    });
    expect(w.mesh.validate()).toEqual([]);
  });

  it('become present matchers on the route in plain Envoy', () => {
    const w = world(RouteSpec.http({ match: { headers: [HeaderMatch.isPresent('x-canary')], queryParameters: [QueryParameterMatch.isPresent('debug')] } }));
    const [route] = egressHost(standalone(w.caller), 'svc.shop.local', 8080).routes;
    expect(route.match).toEqual({
      prefix: '/', headers: [{ name: 'x-canary', presentMatch: true }], queryParameters: [{ name: 'debug', presentMatch: true }],
    });
  });

  it('work on gRPC metadata', () => {
    const w = world(RouteSpec.grpc({ match: { serviceName: 'shop.Catalog', metadata: [HeaderMatch.isPresent('tenant')] } }), 'grpc');
    const [route] = egressHost(standalone(w.caller), 'svc.shop.local', 8080).routes;
    expect(route.match.headers).toEqual([{ name: 'tenant', presentMatch: true }]);
  });

  it('work on gateway routes', () => {
    const w = world(RouteSpec.http());
    w.gateway.addGatewayRoute('GatewayRoute', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: w.service, match: { headers: [HeaderMatch.isPresent('x-tenant')], queryParameters: [QueryParameterMatch.isPresent('v')] } }),
    });
    const [route] = gatewayHost(standalone(w.gateway), 8080).routes;
    expect(route.match).toEqual({ prefix: '/', headers: [{ name: 'x-tenant', presentMatch: true }], queryParameters: [{ name: 'v', presentMatch: true }] });
    expect(w.mesh.validate()).toEqual([]);
  });
});
