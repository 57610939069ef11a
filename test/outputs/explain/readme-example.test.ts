import { App, Stack } from 'aws-cdk-lib';
import { expect, it } from 'vitest';
import {
  Backend, GatewayRouteSpec, HeaderMatch, HttpGatewayRoutePathMatch, HttpRoutePathMatch, Mesh, RouteSpec, RoutingOutcome, ServiceDiscovery,
  VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../../lib';

/** The README's "Explaining routing" example, as written there. */
it('the README example explains what the README says', () => {
  const stack = new Stack(new App(), 'Shop');
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const node = (name: string) => mesh.addVirtualNode(name, {
    virtualNodeName: name,
    serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`),
    listeners: [VirtualNodeListener.http({ port: 8080 })],
  });
  const [v1, v2, frontend] = [node('catalog-v1'), node('catalog-v2'), node('frontend')];
  const router = mesh.addVirtualRouter('Catalog', { virtualRouterName: 'catalog', listeners: [VirtualRouterListener.http(8080)] });
  router.addRoute('Canary', {
    routeName: 'canary',
    routeSpec: RouteSpec.http({ priority: 1, match: { path: HttpRoutePathMatch.startsWith('/books'), headers: [HeaderMatch.valueIs('x-canary', 'true')] } }),
  }).to(v1).canary(v2, 10);
  const catalog = mesh.addVirtualService('catalog.shop.local', { provider: VirtualServiceProvider.virtualRouter(router) });
  frontend.addBackend(Backend.virtualService(catalog));
  const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
  gateway.addGatewayRoute('Store', {
    routeSpec: GatewayRouteSpec.http({ routeTarget: catalog, match: { path: HttpGatewayRoutePathMatch.startsWith('/store') } }),
  });

  const hit = mesh.explain({
    virtualNode: frontend,
    virtualServiceName: 'catalog.shop.local',
    port: 8080,
    path: '/books/1',
    headers: { 'x-canary': 'true' },
  });
  expect(hit.matched).toBe(true);
  expect(hit.summary).toBe('virtual node frontend → catalog.shop.local:8080 → route canary of virtual router catalog '
    + '→ catalog-v1:8080 (weight 90), catalog-v2:8080 (weight 10)');
  expect(hit.timeouts).toMatchObject({ perRequestIsDefault: true, idleIsDefault: true });
  expect([hit.timeouts?.perRequest?.toSeconds(), hit.timeouts?.idle.toSeconds()]).toEqual([15, 300]);

  const miss = mesh.explain({ virtualNode: frontend, virtualServiceName: 'catalog.shop.local', path: '/v2/books' });
  expect(miss.outcome).toBe(RoutingOutcome.NO_ROUTE_MATCHED);
  expect(miss.reasons[0].failedConditions).toEqual(['prefix /books does not match path /v2/books', 'header x-canary: expected exact \'true\', got absent']);

  const inbound = mesh.explain({ virtualGateway: gateway, path: '/store/books/1', headers: { 'host': 'www.example.com', 'x-canary': 'true' } });
  expect(inbound.gatewayRoute?.rewrittenPath).toBe('/books/1');
  expect(inbound.gatewayRoute?.pathRewrite).toBe('prefix /store rewritten to / (App Mesh\'s default): /store/books/1 → /books/1');
  expect(inbound.gatewayRoute?.rewrittenHostname).toBe('catalog.shop.local');
  expect(inbound.route?.routeName).toBe('canary');
});
