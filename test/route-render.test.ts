import { CfnParameter, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  HeaderMatch,
  HttpRouteMethod,
  HttpRoutePathMatch,
  HttpRouteProtocol,
  Mesh,
  QueryParameterMatch,
  Route,
  RouteSpec,
  VirtualNode,
  VirtualNodeListener,
  VirtualRouter,
  VirtualRouterListener,
} from '../lib';
import { ENV, httpRoute, logicalId, routeFixture, routeResource } from './support/fixtures';
import { evaluateIntrinsic } from './support/intrinsics';
import { synthTemplate, testApp } from './support/synth';

describe('http path matches', () => {
  it.each([
    ['prefix', HttpRoutePathMatch.startsWith('/api/'), { Prefix: '/api/' }],
    ['exact', HttpRoutePathMatch.exactly('/health'), { Path: { Exact: '/health' } }],
    ['regex', HttpRoutePathMatch.regex('^/items/[0-9]+$'), { Path: { Regex: '^/items/[0-9]+$' } }],
  ])('renders a %s path match', (kind, path, expected) => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ match: { path } }) }).to(v1);
    expect(routeResource(synthTemplate(stack, `routes-render-path-${kind}`), route).Properties.Spec.HttpRoute.Match).toEqual(expected);
  });

  it('matches every path (prefix /) when no match is given', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-path-default'), route).Properties.Spec.HttpRoute.Match).toEqual({ Prefix: '/' });
  });
});

describe('header matches', () => {
  const cases: [string, HeaderMatch, object][] = [
    ['valueIs', HeaderMatch.valueIs('x-a', 'one'), { Name: 'x-a', Invert: false, Match: { Exact: 'one' } }],
    ['valueIsNot', HeaderMatch.valueIsNot('x-b', 'two'), { Name: 'x-b', Invert: true, Match: { Exact: 'two' } }],
    ['valueStartsWith', HeaderMatch.valueStartsWith('x-c', 'pre'), { Name: 'x-c', Invert: false, Match: { Prefix: 'pre' } }],
    ['valueDoesNotStartWith', HeaderMatch.valueDoesNotStartWith('x-d', 'pre'), { Name: 'x-d', Invert: true, Match: { Prefix: 'pre' } }],
    ['valueEndsWith', HeaderMatch.valueEndsWith('x-e', 'suf'), { Name: 'x-e', Invert: false, Match: { Suffix: 'suf' } }],
    ['valueDoesNotEndWith', HeaderMatch.valueDoesNotEndWith('x-f', 'suf'), { Name: 'x-f', Invert: true, Match: { Suffix: 'suf' } }],
    ['valueMatchesRegex', HeaderMatch.valueMatchesRegex('x-g', '^v[0-9]$'), { Name: 'x-g', Invert: false, Match: { Regex: '^v[0-9]$' } }],
    ['valueDoesNotMatchRegex', HeaderMatch.valueDoesNotMatchRegex('x-h', '^v[0-9]$'), { Name: 'x-h', Invert: true, Match: { Regex: '^v[0-9]$' } }],
    ['valuesIsInRange', HeaderMatch.valuesIsInRange('x-i', 1, 5), { Name: 'x-i', Invert: false, Match: { Range: { Start: 1, End: 5 } } }],
    ['valuesIsNotInRange', HeaderMatch.valuesIsNotInRange('x-j', -10, 10), { Name: 'x-j', Invert: true, Match: { Range: { Start: -10, End: 10 } } }],
  ];

  it.each(cases)('renders HeaderMatch.%s', (factory, header, expected) => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ match: { headers: [header] } }) }).to(v1);
    expect(routeResource(synthTemplate(stack, `routes-render-header-${factory}`), route).Properties.Spec.HttpRoute.Match.Headers)
      .toEqual([expected]);
  });

  it('renders all ten in one route, in order', () => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ match: { headers: cases.map((c) => c[1]) } }) }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-header-all'), route).Properties.Spec.HttpRoute.Match.Headers)
      .toEqual(cases.map((c) => c[2]));
  });
});

describe('other http matches', () => {
  it('renders query parameters, method, match port and priority', () => {
    const { stack, router, v1 } = routeFixture({ routerListeners: [VirtualRouterListener.http(8080)] });
    const route = router.addRoute('Main', {
      routeSpec: RouteSpec.http({
        priority: 7,
        match: {
          path: HttpRoutePathMatch.startsWith('/orders'),
          queryParameters: [QueryParameterMatch.valueIs('version', '2'), QueryParameterMatch.valueIs('debug', 'true')],
          method: HttpRouteMethod.POST,
          port: 8080,
        },
      }),
    }).to(v1);
    const spec = routeResource(synthTemplate(stack, 'routes-render-http-match'), route).Properties.Spec;
    expect(spec.Priority).toBe(7);
    expect(spec.HttpRoute.Match).toEqual({
      Prefix: '/orders',
      QueryParameters: [{ Name: 'version', Match: { Exact: '2' } }, { Name: 'debug', Match: { Exact: 'true' } }],
      Method: 'POST',
      Port: 8080,
    });
  });

  it('renders priority 0', () => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ priority: 0 }) }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-priority-0'), route).Properties.Spec.Priority).toBe(0);
  });

  it('renders a scheme on an http2 route', () => {
    const { stack, router, v1 } = routeFixture({
      routerListeners: [VirtualRouterListener.http2()],
      nodeListeners: () => [VirtualNodeListener.http2()],
    });
    const route = router.addRoute('Main', {
      routeSpec: RouteSpec.http2({ match: { scheme: HttpRouteProtocol.HTTPS, headers: [HeaderMatch.valueIs('x-tenant', 'a')] } }),
    }).to(v1);
    const spec = routeResource(synthTemplate(stack, 'routes-render-http2-scheme'), route).Properties.Spec;
    expect(Object.keys(spec)).toEqual(['Http2Route']);
    expect(spec.Http2Route.Match).toEqual({
      Prefix: '/',
      Scheme: 'https',
      Headers: [{ Name: 'x-tenant', Invert: false, Match: { Exact: 'a' } }],
    });
  });
});

describe('grpc and tcp matches', () => {
  it('renders a grpc serviceName, methodName, metadata and port', () => {
    const { stack, router, v1 } = routeFixture({
      routerListeners: [VirtualRouterListener.grpc(50051)],
      nodeListeners: () => [VirtualNodeListener.grpc()],
    });
    const route = router.addRoute('Main', {
      routeSpec: RouteSpec.grpc({
        match: {
          serviceName: 'catalog.v1.Catalog',
          methodName: 'GetItem',
          metadata: [HeaderMatch.valueIs('tenant', 'a'), HeaderMatch.valueDoesNotStartWith('region', 'eu-')],
          port: 50051,
        },
      }),
    }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-grpc'), route).Properties.Spec).toEqual({
      GrpcRoute: {
        Match: {
          ServiceName: 'catalog.v1.Catalog',
          MethodName: 'GetItem',
          Metadata: [
            { Name: 'tenant', Invert: false, Match: { Exact: 'a' } },
            { Name: 'region', Invert: true, Match: { Prefix: 'eu-' } },
          ],
          Port: 50051,
        },
        Action: { WeightedTargets: [{ VirtualNode: 'v1', Weight: 100 }] },
      },
    });
  });

  it('renders a tcp match port (which aws-cdk-lib/aws-appmesh cannot set)', () => {
    const { stack, router, v1 } = routeFixture({
      routerListeners: [VirtualRouterListener.tcp(5432), VirtualRouterListener.tcp(6379)],
      nodeListeners: () => [VirtualNodeListener.tcp({ port: 5432 })],
    });
    const route = router.addRoute('Main', { routeSpec: RouteSpec.tcp({ match: { port: 5432 } }) }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-tcp-port'), route).Properties.Spec).toEqual({
      TcpRoute: {
        Match: { Port: 5432 },
        Action: { WeightedTargets: [{ VirtualNode: 'v1', Weight: 100 }] },
      },
    });
  });

  it('renders no Match on a tcp route without one', () => {
    const { stack, router, v1 } = routeFixture({ routerListeners: [VirtualRouterListener.tcp()], nodeListeners: () => [VirtualNodeListener.tcp()] });
    const route = router.addRoute('Main', { routeSpec: RouteSpec.tcp() }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-tcp-plain'), route).Properties.Spec.TcpRoute.Match).toBeUndefined();
  });
});

describe('the resource', () => {
  it('uses a user-given routeName verbatim, with the router and mesh names', () => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('Main', { routeName: 'Orders_Route-v2', routeSpec: RouteSpec.http() }).to(v1);
    const properties = routeResource(synthTemplate(stack, 'routes-render-name'), route).Properties;
    expect(properties.RouteName).toBe('Orders_Route-v2');
    expect(properties.VirtualRouterName).toBe('r');
    expect(properties.MeshName).toBe('shop');
    expect(route.routeName).toBe('Orders_Route-v2');
  });

  it('router.addRoute names the route by its id when no routeName is given, as aws-cdk-lib/aws-appmesh does', () => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('orders-route', { routeSpec: RouteSpec.http() }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-addroute-id'), route).Properties.RouteName).toBe('orders-route');
  });

  it('derives a unique name from the construct path when new Route gets none', () => {
    const { stack, router, v1 } = routeFixture();
    const a = new Route(router, 'A', { virtualRouter: router, routeSpec: RouteSpec.http({ priority: 1 }) }).to(v1);
    const b = new Route(router, 'B', { virtualRouter: router, routeSpec: RouteSpec.http({ priority: 2 }) }).to(v1);
    const template = synthTemplate(stack, 'routes-render-generated-names');
    const nameA = routeResource(template, a).Properties.RouteName;
    const nameB = routeResource(template, b).Properties.RouteName;
    expect(nameA).toMatch(/^[A-Za-z0-9]+$/);
    expect(nameA).toContain('RouterA');
    expect(nameA).not.toBe(nameB);
  });

  it('DependsOn the router, the mesh and every target node, including one added later by canary', () => {
    const { stack, mesh, router, v1, v2, v3 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1 }] }) });
    route.canary(v2, 10);
    const template = synthTemplate(stack, 'routes-render-depends-on');
    const dependsOn = routeResource(template, route).DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([logicalId(router), logicalId(mesh), logicalId(v1), logicalId(v2)]));
    expect(dependsOn).not.toContain(logicalId(v3));
  });

  it('has no Fn::GetAtt anywhere: resources name each other by plain names', () => {
    const { stack, router, v1, v2 } = routeFixture();
    router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(v1).canary(v2, 20);
    const template = synthTemplate(stack, 'routes-render-no-getatt');
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::GetAtt');
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"Ref":"(?!BootstrapVersion)/);
  });

  it('exposes uid, mesh owner and resource owner as Fn::GetAtt of the route', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1);
    const id = logicalId(route);
    expect(stack.resolve(route.routeUid)).toEqual({ 'Fn::GetAtt': [id, 'Uid'] });
    expect(stack.resolve(route.routeMeshOwner)).toEqual({ 'Fn::GetAtt': [id, 'MeshOwner'] });
    expect(stack.resolve(route.routeResourceOwner)).toEqual({ 'Fn::GetAtt': [id, 'ResourceOwner'] });
    expect(stack.resolve(route.routeArn)).toEqual({ Ref: id });
    expect(route.virtualRouter).toBeDefined();
    expect(route.mesh).toBeDefined();
  });

  it('reports its protocol', () => {
    const { router } = routeFixture();
    expect(router.addRoute('H', { routeSpec: RouteSpec.http() }).protocol).toBe('http');
    expect(router.addRoute('H2', { routeSpec: RouteSpec.http2() }).protocol).toBe('http2');
    expect(router.addRoute('G', { routeSpec: RouteSpec.grpc({ match: { serviceName: 's' } }) }).protocol).toBe('grpc');
    expect(router.addRoute('T', { routeSpec: RouteSpec.tcp() }).protocol).toBe('tcp');
  });

  it('renders tags', () => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http(), tags: { team: 'orders' } }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-render-tags'), route).Properties.Tags).toEqual([{ Key: 'team', Value: 'orders' }]);
  });
});

describe('imports', () => {
  const ARN = 'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualRouter/r/route/main';

  it('Route.fromRouteArn parses the route, router and mesh names', () => {
    const stack = new Stack(testApp(), 'Stack');
    const route = Route.fromRouteArn(stack, 'Imported', ARN);
    expect(route.routeArn).toBe(ARN);
    expect(route.routeName).toBe('main');
    expect(route.virtualRouter.virtualRouterName).toBe('r');
    expect(route.virtualRouter.mesh.meshName).toBe('shop');
    expect(route.env.account).toBe('111122223333');
    expect(route.env.region).toBe('us-east-1');
  });

  it('Route.fromRouteArn works on a token ARN', () => {
    const stack = new Stack(testApp(), 'Stack');
    const arn = new CfnParameter(stack, 'RouteArn').valueAsString;
    const route = Route.fromRouteArn(stack, 'Imported', arn);
    const refs = { RouteArn: 'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualRouter/r/route/main' };
    expect(evaluateIntrinsic(stack.resolve(route.routeName), refs)).toBe('main');
    expect(evaluateIntrinsic(stack.resolve(route.virtualRouter.virtualRouterName), refs)).toBe('r');
    expect(evaluateIntrinsic(stack.resolve(route.virtualRouter.mesh.meshName), refs)).toBe('shop');
  });

  it('Route.fromRouteAttributes uses the given name and router', () => {
    const app = testApp();
    const stack = new Stack(app, 'Stack');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const router = new VirtualRouter(stack, 'Router', { mesh, virtualRouterName: 'r' });
    const route = Route.fromRouteAttributes(stack, 'Imported', { routeName: 'main', virtualRouter: router });
    expect(route.routeName).toBe('main');
    expect(route.virtualRouter).toBe(router);
    expect(stack.resolve(route.routeArn)).toEqual({ 'Fn::Join': ['', [{ Ref: logicalId(router) }, '/route/main']] });
  });

  it('Route.fromRouteAttributes on an imported router formats the full ARN', () => {
    const stack = new Stack(testApp(), 'Stack', { env: ENV });
    const router = VirtualRouter.fromVirtualRouterArn(stack, 'Router', 'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualRouter/r');
    const route = Route.fromRouteAttributes(stack, 'Imported', { routeName: 'main', virtualRouter: router });
    expect(route.routeArn).toBe(ARN);
  });

  it('an imported node can be a route target, without a DependsOn on it', () => {
    const { stack, mesh, router, v1 } = routeFixture();
    const imported = VirtualNode.fromVirtualNodeAttributes(stack, 'Imported', { virtualNodeName: 'legacy', mesh });
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(v1).canary(imported, 10);
    expect(mesh.validate()).toEqual([]);
    const resource = routeResource(synthTemplate(stack, 'routes-render-imported-node'), route);
    expect(resource.Properties.Spec.HttpRoute.Action.WeightedTargets).toEqual([
      { VirtualNode: 'v1', Weight: 90 },
      { VirtualNode: 'legacy', Weight: 10 },
    ]);
    expect([...resource.DependsOn!].sort()).toEqual([logicalId(mesh), logicalId(router), logicalId(v1)].sort());
  });
});
