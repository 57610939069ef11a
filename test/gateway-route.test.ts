import { CfnParameter, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  GatewayRoute,
  GatewayRouteHostnameMatch,
  GatewayRouteSpec,
  HeaderMatch,
  HttpGatewayRoutePathMatch,
  HttpRouteMethod,
  Mesh,
  QueryParameterMatch,
  VirtualGateway,
  VirtualGatewayListener,
  VirtualNodeListener,
  VirtualRouterListener,
  VirtualServiceProvider,
} from '../lib';
import { dependsOn, ENV, gatewayFixture, httpRouteFixture, logicalId, meshFixture, twoListeners } from './support/fixtures';
import { synthTemplate, testApp } from './support/synth';
import { MeshGraph } from '../lib/model/mesh-graph';
import { MeshRegistry } from '../lib/model/registry';

/** The Spec of the only gateway route in the stack. */
function routeSpec(stack: Stack, name: string): any {
  const template = synthTemplate(stack, name).toJSON();
  const routes = Object.values(template.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::AppMesh::GatewayRoute');
  expect(routes).toHaveLength(1);
  return routes[0].Properties.Spec;
}

describe('GatewayRoute', () => {
  it('defaults to a prefix / match, names everything by plain name, and is created after its mesh, gateway and target', () => {
    const fixture = httpRouteFixture();
    const { stack, gateway, service, route } = fixture;
    const template = synthTemplate(stack, 'gw-route-default');
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', {
      MeshName: 'shop',
      VirtualGatewayName: 'ingress',
      GatewayRouteName: 'catalog',
      Spec: {
        HttpRoute: {
          Match: { Prefix: '/' },
          Action: { Target: { VirtualService: { VirtualServiceName: 'catalog.shop.local' } } },
        },
      },
    });
    expect(dependsOn(template.toJSON(), route))
      .toEqual([logicalId(fixture.mesh), logicalId(gateway), logicalId(service)].sort());
    expect(route.node.scope).toBe(gateway);
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::GetAtt');
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('uses the gatewayRouteName given (through addGatewayRoute and the constructor) and a unique one otherwise', () => {
    const fixture = gatewayFixture();
    const { stack, gateway, service } = fixture;
    const added = gateway.addGatewayRoute('Added', { gatewayRouteName: 'my-route', routeSpec: GatewayRouteSpec.http({ routeTarget: service }) });
    const built = new GatewayRoute(stack, 'Built', {
      virtualGateway: gateway,
      gatewayRouteName: 'other-route',
      routeSpec: GatewayRouteSpec.http({ routeTarget: service, match: { path: HttpGatewayRoutePathMatch.startsWith('/other/') } }),
    });
    const unnamed = gateway.addGatewayRoute('Unnamed', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: service, match: { path: HttpGatewayRoutePathMatch.startsWith('/x/') } }),
    });
    const template = synthTemplate(stack, 'gw-route-names').toJSON();
    expect(template.Resources[logicalId(added)].Properties.GatewayRouteName).toBe('my-route');
    expect(template.Resources[logicalId(built)].Properties.GatewayRouteName).toBe('other-route');
    expect(added.gatewayRouteName).toBe('my-route');
    const unnamedName = template.Resources[logicalId(unnamed)].Properties.GatewayRouteName;
    expect(unnamedName).toMatch(/^StackMeshGatewayUnnamed/);
    expect(stack.resolve(unnamed.gatewayRouteName)).toBe(unnamedName);
  });

  it("rejects the construct id 'Default' (CDK would give the route its gateway's logical id)", () => {
    const fixture = gatewayFixture();
    expect(() => fixture.gateway.addGatewayRoute('Default', { routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service }) }))
      .toThrow(/^AMK_DEFAULT_ID Stack\/Mesh\/Gateway\/Default id: a gateway route cannot have the construct id 'Default'/);
    expect(() => fixture.mesh.addVirtualGateway('Default')).toThrow(/a virtual gateway cannot have the construct id 'Default'/);
  });

  it('synthesizes a route with match.port on a gateway with two listeners (the official module always fails here)', () => {
    const fixture = httpRouteFixture({ match: { port: 8080 } }, { listeners: twoListeners() });
    expect(fixture.mesh.validate()).toEqual([]);
    const spec = routeSpec(fixture.stack, 'gw-route-match-port');
    expect(spec.HttpRoute.Match).toEqual({ Prefix: '/', Port: 8080 });
  });

  it('renders every HTTP match option', () => {
    const fixture = httpRouteFixture({
      priority: 10,
      targetPort: 8080,
      match: {
        path: HttpGatewayRoutePathMatch.startsWith('/catalog/'),
        headers: [
          HeaderMatch.valueIs('x-env', 'prod'),
          HeaderMatch.valueDoesNotStartWith('x-user', 'bot-'),
          HeaderMatch.valueEndsWith('x-region', '-1'),
          HeaderMatch.valueMatchesRegex('x-version', 'v[0-9]+'),
          HeaderMatch.valuesIsInRange('x-shard', 1, 5),
        ],
        hostname: GatewayRouteHostnameMatch.exactly('shop.example.com'),
        method: HttpRouteMethod.GET,
        queryParameters: [QueryParameterMatch.valueIs('lang', 'en')],
        port: 8080,
      },
    });
    expect(fixture.mesh.validate()).toEqual([]);
    expect(routeSpec(fixture.stack, 'gw-route-http-match')).toEqual({
      Priority: 10,
      HttpRoute: {
        Match: {
          Prefix: '/catalog/',
          Headers: [
            { Name: 'x-env', Invert: false, Match: { Exact: 'prod' } },
            { Name: 'x-user', Invert: true, Match: { Prefix: 'bot-' } },
            { Name: 'x-region', Invert: false, Match: { Suffix: '-1' } },
            { Name: 'x-version', Invert: false, Match: { Regex: 'v[0-9]+' } },
            { Name: 'x-shard', Invert: false, Match: { Range: { Start: 1, End: 5 } } },
          ],
          Hostname: { Exact: 'shop.example.com' },
          Method: 'GET',
          QueryParameters: [{ Name: 'lang', Match: { Exact: 'en' } }],
          Port: 8080,
        },
        Action: { Target: { VirtualService: { VirtualServiceName: 'catalog.shop.local' }, Port: 8080 } },
      },
    });
  });

  it.each([
    ['startsWith without rewrite: no rewrite block (App Mesh default)', HttpGatewayRoutePathMatch.startsWith('/a/'),
      { Prefix: '/a/' }, undefined],
    ["startsWith with '': the default prefix rewrite turned off", HttpGatewayRoutePathMatch.startsWith('/a/', ''),
      { Prefix: '/a/' }, { Prefix: { DefaultPrefix: 'DISABLED' } }],
    ['startsWith with a value: the prefix rewritten to it', HttpGatewayRoutePathMatch.startsWith('/a/', '/b/'),
      { Prefix: '/a/' }, { Prefix: { Value: '/b/' } }],
    ['startsWithDefaultRewrite: the default written out', HttpGatewayRoutePathMatch.startsWithDefaultRewrite('/a/'),
      { Prefix: '/a/' }, { Prefix: { DefaultPrefix: 'ENABLED' } }],
    ['exactly without rewrite', HttpGatewayRoutePathMatch.exactly('/a'), { Path: { Exact: '/a' } }, undefined],
    ['exactly with rewrite', HttpGatewayRoutePathMatch.exactly('/a', '/b'), { Path: { Exact: '/a' } }, { Path: { Exact: '/b' } }],
    ['regex without rewrite', HttpGatewayRoutePathMatch.regex('/a/[0-9]+'), { Path: { Regex: '/a/[0-9]+' } }, undefined],
    ['regex with rewrite', HttpGatewayRoutePathMatch.regex('/a/[0-9]+', '/b'), { Path: { Regex: '/a/[0-9]+' } }, { Path: { Exact: '/b' } }],
  ])('path match %s', (_name, path, match, rewrite) => {
    const fixture = httpRouteFixture({ match: { path } });
    expect(fixture.mesh.validate()).toEqual([]);
    const spec = routeSpec(fixture.stack, `gw-route-path-${_name.split(':')[0].replace(/\W+/g, '-')}`);
    expect(spec.HttpRoute.Match).toEqual(match);
    expect(spec.HttpRoute.Action.Rewrite).toEqual(rewrite);
  });

  it.each([
    [false, { Hostname: { DefaultTargetHostname: 'DISABLED' } }],
    [true, { Hostname: { DefaultTargetHostname: 'ENABLED' } }],
    [undefined, undefined],
  ])('rewriteRequestHostname %s', (rewriteRequestHostname, rewrite) => {
    const fixture = httpRouteFixture({ match: { rewriteRequestHostname } });
    expect(routeSpec(fixture.stack, `gw-route-host-rewrite-${rewriteRequestHostname}`).HttpRoute.Action.Rewrite).toEqual(rewrite);
  });

  it('combines a prefix rewrite with a host name rewrite and a suffix host name match', () => {
    const fixture = httpRouteFixture({
      match: {
        path: HttpGatewayRoutePathMatch.startsWith('/a/', '/b/'),
        hostname: GatewayRouteHostnameMatch.endsWith('.example.com'),
        rewriteRequestHostname: false,
      },
    });
    const spec = routeSpec(fixture.stack, 'gw-route-rewrites');
    expect(spec.HttpRoute.Match).toEqual({ Prefix: '/a/', Hostname: { Suffix: '.example.com' } });
    expect(spec.HttpRoute.Action.Rewrite).toEqual({ Prefix: { Value: '/b/' }, Hostname: { DefaultTargetHostname: 'DISABLED' } });
  });

  it('renders an HTTP/2 route under Http2Route', () => {
    const fixture = gatewayFixture({ listeners: [VirtualGatewayListener.http2()] });
    fixture.gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.http2({ routeTarget: fixture.service, match: { path: HttpGatewayRoutePathMatch.exactly('/healthz') } }),
    });
    expect(fixture.mesh.validate()).toEqual([]);
    expect(routeSpec(fixture.stack, 'gw-route-http2')).toEqual({
      Http2Route: {
        Match: { Path: { Exact: '/healthz' } },
        Action: { Target: { VirtualService: { VirtualServiceName: 'catalog.shop.local' } } },
      },
    });
  });

  it('renders every gRPC match option, the host name rewrite, a target port and a priority', () => {
    const fixture = gatewayFixture({ listeners: twoListeners() },
      [VirtualNodeListener.grpc({ port: 50051 }), VirtualNodeListener.http({ port: 8080 })]);
    fixture.gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.grpc({
        routeTarget: fixture.service,
        targetPort: 50051,
        priority: 0,
        match: {
          serviceName: 'shop.Catalog',
          hostname: GatewayRouteHostnameMatch.endsWith('.example.com'),
          metadata: [HeaderMatch.valueIsNot('x-debug', 'true')],
          rewriteRequestHostname: true,
          port: 8443,
        },
      }),
    });
    expect(fixture.mesh.validate()).toEqual([]);
    expect(routeSpec(fixture.stack, 'gw-route-grpc')).toEqual({
      Priority: 0,
      GrpcRoute: {
        Match: {
          ServiceName: 'shop.Catalog',
          Hostname: { Suffix: '.example.com' },
          Metadata: [{ Name: 'x-debug', Invert: true, Match: { Exact: 'true' } }],
          Port: 8443,
        },
        Action: {
          Target: { VirtualService: { VirtualServiceName: 'catalog.shop.local' }, Port: 50051 },
          Rewrite: { Hostname: { DefaultTargetHostname: 'ENABLED' } },
        },
      },
    });
  });

  it('lets the target port pick a listener of a router provider', () => {
    const fixture = gatewayFixture();
    const router = fixture.mesh.addVirtualRouter('Router', { listeners: [VirtualRouterListener.http(8080), VirtualRouterListener.http(9090)] });
    const service = fixture.mesh.addVirtualService('Routed', {
      virtualServiceName: 'routed.shop.local', provider: VirtualServiceProvider.virtualRouter(router),
    });
    fixture.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: service, targetPort: 9090 }) });
    expect(fixture.mesh.validate()).toEqual([]);
    expect(routeSpec(fixture.stack, 'gw-route-router-port').HttpRoute.Action.Target.Port).toBe(9090);
  });

  it('skips the rules for token ports and renders them as references', () => {
    const fixture = gatewayFixture({ listeners: twoListeners() },
      [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })]);
    const matchPort = new CfnParameter(fixture.stack, 'MatchPort', { type: 'Number' }).valueAsNumber;
    const targetPort = new CfnParameter(fixture.stack, 'TargetPort', { type: 'Number' }).valueAsNumber;
    const priority = new CfnParameter(fixture.stack, 'Priority', { type: 'Number' }).valueAsNumber;
    fixture.gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service, targetPort, priority, match: { port: matchPort } }),
    });
    expect(fixture.mesh.validate()).toEqual([]);
    const spec = routeSpec(fixture.stack, 'gw-route-tokens');
    expect(spec.Priority).toEqual({ Ref: 'Priority' });
    expect(spec.HttpRoute.Match.Port).toEqual({ Ref: 'MatchPort' });
    expect(spec.HttpRoute.Action.Target.Port).toEqual({ Ref: 'TargetPort' });
  });

  it('skips the port rules for token listener ports', () => {
    const fixture = gatewayFixture();
    const port = new CfnParameter(fixture.stack, 'GatewayPort', { type: 'Number' }).valueAsNumber;
    const gateway = fixture.mesh.addVirtualGateway('Tokens', { listeners: [VirtualGatewayListener.http({ port })] });
    gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service, match: { port: 8080 } }) });
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('registers in the mesh registry as a gatewayRoute, and the gateway as a virtualGateway', () => {
    const fixture = httpRouteFixture();
    const graph = MeshGraph.build(MeshRegistry.of(fixture.mesh));
    expect(graph.members('gatewayRoute').map((m) => m.path)).toEqual([fixture.route.node.path]);
    expect(graph.members('virtualGateway').map((m) => m.path)).toEqual([fixture.gateway.node.path]);
  });

  it('exposes uid, mesh owner, resource owner and its ARN', () => {
    const { stack, route } = httpRouteFixture();
    const id = logicalId(route);
    expect(stack.resolve(route.gatewayRouteUid)).toEqual({ 'Fn::GetAtt': [id, 'Uid'] });
    expect(stack.resolve(route.gatewayRouteMeshOwner)).toEqual({ 'Fn::GetAtt': [id, 'MeshOwner'] });
    expect(stack.resolve(route.gatewayRouteResourceOwner)).toEqual({ 'Fn::GetAtt': [id, 'ResourceOwner'] });
    expect(stack.resolve(route.gatewayRouteArn)).toEqual({ Ref: id });
  });

  it('formats its ARN across environments with virtualGateway (the official module writes virtualRouter)', () => {
    const app = testApp();
    const home = new Stack(app, 'Home', { env: ENV });
    const mesh = new Mesh(home, 'Mesh', { meshName: 'shop' });
    const service = mesh.addVirtualService('catalog.shop.local');
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
    const route = gateway.addGatewayRoute('Route', { gatewayRouteName: 'catalog', routeSpec: GatewayRouteSpec.http({ routeTarget: service }) });
    const elsewhere = new Stack(app, 'Elsewhere', { env: { account: '444455556666', region: 'eu-west-1' } });
    const arn = JSON.stringify(elsewhere.resolve(route.gatewayRouteArn));
    expect(arn).toContain(':appmesh:us-east-1:111122223333:mesh/shop/virtualGateway/ingress/gatewayRoute/catalog');
  });

  it('imports by ARN: route, gateway and mesh names, the gateway ARN and the environment', () => {
    const stack = new Stack(testApp(), 'GwRouteImport', { env: ENV });
    const route = GatewayRoute.fromGatewayRouteArn(stack, 'Route',
      'arn:aws:appmesh:eu-west-1:444455556666:mesh/shop/virtualGateway/ingress/gatewayRoute/catalog');
    expect(route.gatewayRouteName).toBe('catalog');
    expect(route.virtualGateway.virtualGatewayName).toBe('ingress');
    expect(route.virtualGateway.mesh.meshName).toBe('shop');
    expect(route.virtualGateway.virtualGatewayArn).toBe('arn:aws:appmesh:eu-west-1:444455556666:mesh/shop/virtualGateway/ingress');
    expect(route.virtualGateway.env.account).toBe('444455556666');
    expect(route.env.account).toBe('444455556666');
    expect(route.env.region).toBe('eu-west-1');
  });

  it('imports by attributes, with the ARN of the gatewayRoute under its virtualGateway', () => {
    const stack = new Stack(testApp(), 'GwRouteAttrs', { env: ENV });
    const mesh = Mesh.fromMeshName(stack, 'Mesh', 'shop');
    const gateway = VirtualGateway.fromVirtualGatewayAttributes(stack, 'Gateway', { virtualGatewayName: 'ingress', mesh });
    const route = GatewayRoute.fromGatewayRouteAttributes(stack, 'Route', { gatewayRouteName: 'catalog', virtualGateway: gateway });
    expect(route.virtualGateway).toBe(gateway);
    expect(route.gatewayRouteName).toBe('catalog');
    expect(stack.resolve(route.gatewayRouteArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appmesh:us-east-1:111122223333:mesh/shop/virtualGateway/ingress/gatewayRoute/catalog']],
    });
  });

  it('may live in another stack than its gateway: no cross-stack references, a stack dependency instead', () => {
    const app = testApp();
    const home = new Stack(app, 'MeshHome');
    const mesh = new Mesh(home, 'Mesh', { meshName: 'shop' });
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
    const service = mesh.addVirtualService('catalog.shop.local');
    const routes = new Stack(app, 'Routes');
    new GatewayRoute(routes, 'Route', { virtualGateway: gateway, gatewayRouteName: 'catalog', routeSpec: GatewayRouteSpec.http({ routeTarget: service }) });
    const template = synthTemplate(routes, 'gw-route-cross-stack');
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', { MeshName: 'shop', VirtualGatewayName: 'ingress' });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    expect(routes.dependencies.map((s) => s.stackName)).toContain('MeshHome');
  });

  it('validates through the mesh of an imported gateway', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwRouteImportedMesh', env: ENV });
    const imported = Mesh.fromMeshName(stack, 'Imported', 'edge');
    const gateway = VirtualGateway.fromVirtualGatewayAttributes(stack, 'Gateway', { virtualGatewayName: 'ingress', mesh: imported });
    const service = mesh.addVirtualService('catalog.shop.local');
    gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: service, priority: 2000 }) });
    expect(mesh.validate()).toEqual([]);
    expect(imported.validate().map((d) => d.code)).toEqual(['AMK_GATEWAY_ROUTE_TARGET_MESH', 'AMK_PRIORITY_RANGE']);
  });
});
