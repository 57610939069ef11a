import { Duration, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  ConnectionPool, EgressFilter, HttpRetryEvent, HttpRouteProtocol, IpPreference, Mesh, MeshFilterType, RetryPolicy, RouteSpec,
  ServiceDiscovery, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../lib';
import { synthTemplate, testApp } from '../support/synth';

// appmesh-kit's own names and aws-appmesh's name one concept each: the same rendering, and when both are
// given, aws-appmesh's wins (as documented on the props).

function specsOf(build: (stack: Stack) => void, name: string, type: string): unknown[] {
  const stack = new Stack(testApp(), 'aliases');
  build(stack);
  return Object.values(synthTemplate(stack, name).findResources(type)).map((r) => r.Properties.Spec);
}

describe('one concept, two names', () => {
  it('EgressFilter is MeshFilterType; ipPreference and serviceDiscovery.ipPreference are one setting', () => {
    expect(EgressFilter).toBe(MeshFilterType);
    const specs = specsOf((stack) => {
      new Mesh(stack, 'A', { meshName: 'a', egressFilter: EgressFilter.ALLOW_ALL, ipPreference: IpPreference.IPV6_ONLY });
      new Mesh(stack, 'B', { meshName: 'b', egressFilter: MeshFilterType.ALLOW_ALL, serviceDiscovery: { ipPreference: IpPreference.IPV6_ONLY } });
      new Mesh(stack, 'C', {
        meshName: 'c',
        egressFilter: MeshFilterType.ALLOW_ALL,
        ipPreference: IpPreference.IPV4_ONLY,
        serviceDiscovery: { ipPreference: IpPreference.IPV6_ONLY },
      });
    }, 'aliases-mesh', 'AWS::AppMesh::Mesh');
    expect(specs).toEqual(Array(3).fill({ EgressFilter: { Type: 'ALLOW_ALL' }, ServiceDiscovery: { IpPreference: 'IPv6_ONLY' } }));
  });

  it('provider and virtualServiceProvider; scheme and protocol; RetryPolicy.custom and a retry object; ConnectionPool and a pool object', () => {
    const stack = new Stack(testApp(), 'aliases');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const node = mesh.addVirtualNode('Node', {
      virtualNodeName: 'node',
      serviceDiscovery: ServiceDiscovery.dns('node.local'),
      listeners: [
        VirtualNodeListener.http2({ port: 8080, connectionPool: ConnectionPool.http2({ maxRequests: 5 }) }),
        VirtualNodeListener.http2({ port: 8081, connectionPool: { maxRequests: 5 } }),
      ],
    });
    const other = mesh.addVirtualNode('Other', { virtualNodeName: 'other' });
    mesh.addVirtualService('one.local', { provider: VirtualServiceProvider.virtualNode(node) });
    mesh.addVirtualService('two.local', { virtualServiceProvider: VirtualServiceProvider.virtualNode(node) });
    mesh.addVirtualService('three.local', {
      provider: VirtualServiceProvider.virtualNode(other), virtualServiceProvider: VirtualServiceProvider.virtualNode(node),
    });
    const router = mesh.addVirtualRouter('Router', { listeners: [VirtualRouterListener.http2(8080)] });
    const targets = [{ virtualNode: node, port: 8080 }];
    router.addRoute('a', {
      routeSpec: RouteSpec.http2({
        weightedTargets: targets,
        match: { scheme: HttpRouteProtocol.HTTPS },
        retryPolicy: RetryPolicy.custom({ maxRetries: 3, perRetryTimeout: Duration.seconds(2), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] }),
      }),
    });
    router.addRoute('b', {
      routeSpec: RouteSpec.http2({
        weightedTargets: targets,
        match: { protocol: HttpRouteProtocol.HTTPS },
        retryPolicy: { retryAttempts: 3, retryTimeout: Duration.seconds(2), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] },
      }),
    });
    router.addRoute('c', {
      routeSpec: RouteSpec.http2({ weightedTargets: targets, match: { scheme: HttpRouteProtocol.HTTP, protocol: HttpRouteProtocol.HTTPS } }),
    });
    expect(mesh.validate()).toEqual([]);
    const template = synthTemplate(stack, 'aliases-resources');
    const listeners = Object.values(template.findResources('AWS::AppMesh::VirtualNode'))[0].Properties.Spec.Listeners;
    expect(listeners.map((l: { ConnectionPool: unknown }) => l.ConnectionPool)).toEqual(Array(2).fill({ HTTP2: { MaxRequests: 5 } }));
    const services = Object.values(template.findResources('AWS::AppMesh::VirtualService')).map((r) => r.Properties.Spec);
    expect(services).toEqual(Array(3).fill({ Provider: { VirtualNode: { VirtualNodeName: 'node' } } }));
    const routes = Object.values(template.findResources('AWS::AppMesh::Route')).map((r) => r.Properties.Spec.Http2Route);
    expect(routes[0]).toEqual(routes[1]);
    expect(routes[0].Match.Scheme).toBe('https');
    expect(routes[2].Match.Scheme).toBe('https');
    expect(routes[0].RetryPolicy).toEqual({ MaxRetries: 3, PerRetryTimeout: { Unit: 'ms', Value: 2000 }, HttpRetryEvents: ['server-error'] });
  });
});
