import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  GrpcRetryEvent,
  HttpRetryEvent,
  RetryPolicy,
  Route,
  RouteSpec,
  TcpRetryEvent,
  VirtualNodeListener,
  VirtualRouterListener,
} from '../lib';
import { addNode, expectDiagnostic, httpRoute, modelTargets, routeFixture, routeResource, templateTargets } from './support/fixtures';
import { synthTemplate } from './support/synth';

const HTTP_TARGETS_FIELD = 'spec.httpRoute.action.weightedTargets';

describe('weights in the template', () => {
  it('to(v1) sends everything to v1', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-to'), route)).toEqual([{ VirtualNode: 'v1', Weight: 100 }]);
  });

  it('to(v1).canary(v2, 10) is 90/10', () => {
    const { stack, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-canary-10'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 90 },
      { VirtualNode: 'v2', Weight: 10 },
    ]);
  });

  it.each([
    [0, 100, 0],
    [50, 50, 50],
    [100, 0, 100],
  ])('canary(v2, %d) leaves v1 %d and gives v2 %d', (percent, stable, canary) => {
    const { stack, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, percent);
    expect(templateTargets(synthTemplate(stack, `routes-builders-canary-${percent}`), route)).toEqual([
      { VirtualNode: 'v1', Weight: stable },
      { VirtualNode: 'v2', Weight: canary },
    ]);
  });

  it('a second canary replaces the first one', () => {
    const { stack, route, v1, v2, v3 } = httpRoute();
    route.to(v1).canary(v2, 10).canary(v3, 20);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-canary-twice'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 80 },
      { VirtualNode: 'v3', Weight: 20 },
    ]);
  });

  it('shift(v1, v2, 30) moves 90/10 to 60/40', () => {
    const { stack, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v1, v2, 30);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-shift'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 60 },
      { VirtualNode: 'v2', Weight: 40 },
    ]);
  });

  it('shift to a node that is not a target yet adds it', () => {
    const { stack, route, v1, v2, v3 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v1, v3, 20);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-shift-new'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 70 },
      { VirtualNode: 'v2', Weight: 10 },
      { VirtualNode: 'v3', Weight: 20 },
    ]);
  });

  it('shifting all of a target\'s weight leaves it at 0', () => {
    const { stack, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v1, v2, 90);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-shift-all'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 0 },
      { VirtualNode: 'v2', Weight: 100 },
    ]);
  });

  it('promote(v2) sends everything to v2', () => {
    const { stack, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).promote(v2);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-promote'), route)).toEqual([{ VirtualNode: 'v2', Weight: 100 }]);
  });

  it('rollback() after promote goes back to the promoted node, the new stable one', () => {
    const { stack, route, v1, v2, v3 } = httpRoute();
    route.to(v1).canary(v2, 10).promote(v2).canary(v3, 25);
    expect(modelTargets(route)).toEqual([
      { virtualNode: 'v2', weight: 75 },
      { virtualNode: 'v3', weight: 25 },
    ]);
    route.rollback();
    expect(templateTargets(synthTemplate(stack, 'routes-builders-promote-rollback'), route)).toEqual([{ VirtualNode: 'v2', Weight: 100 }]);
  });

  it('rollback() right after promote stays on the promoted node', () => {
    const { route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).promote(v2).rollback();
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v2', weight: 100 }]);
  });

  it('to(v1).canary(v2, 10).rollback() goes back to v1', () => {
    const { stack, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).rollback();
    expect(templateTargets(synthTemplate(stack, 'routes-builders-rollback'), route)).toEqual([{ VirtualNode: 'v1', Weight: 100 }]);
  });

  it('keeps target ports through canary, a second canary, shift and rollback', () => {
    const fixture = routeFixture({ nodeListeners: () => [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.http() });
    route.to(fixture.v1, 8081).canary(fixture.v2, 10, 8080);
    expect(modelTargets(route)).toEqual([
      { virtualNode: 'v1', weight: 90, port: 8081 },
      { virtualNode: 'v2', weight: 10, port: 8080 },
    ]);
    route.canary(fixture.v3, 20, 8081).shift(fixture.v1, fixture.v3, 30);
    expect(modelTargets(route)).toEqual([
      { virtualNode: 'v1', weight: 50, port: 8081 },
      { virtualNode: 'v3', weight: 50, port: 8081 },
    ]);
    route.rollback();
    // (one synth per stack: the route renders lazily, and CDK caches what it rendered)
    expect(templateTargets(synthTemplate(fixture.stack, 'routes-builders-ports-rollback'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 100, Port: 8081 },
    ]);
  });

  it('keeps the canary\'s port when it is promoted, and a new target\'s port given to shift', () => {
    const fixture = routeFixture({ nodeListeners: () => [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.http() });
    route.to(fixture.v1, 8080).canary(fixture.v2, 10, 8081).shift(fixture.v1, fixture.v3, 5, 8081);
    expect(modelTargets(route)).toEqual([
      { virtualNode: 'v1', weight: 85, port: 8080 },
      { virtualNode: 'v2', weight: 10, port: 8081 },
      { virtualNode: 'v3', weight: 5, port: 8081 },
    ]);
    route.promote(fixture.v2);
    expect(templateTargets(synthTemplate(fixture.stack, 'routes-builders-ports-promote'), route)).toEqual([
      { VirtualNode: 'v2', Weight: 100, Port: 8081 },
    ]);
  });
});

describe('initial weighted targets without weights', () => {
  it('unweighted targets weigh 1 each, as aws-cdk-lib/aws-appmesh renders them: an even split', () => {
    const { stack, router, v1, v2, v3 } = routeFixture();
    const two = router.addRoute('Two', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1 }, { virtualNode: v2 }] }) });
    const three = router.addRoute('Three', {
      routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1 }, { virtualNode: v2 }, { virtualNode: v3 }] }),
    });
    const template = synthTemplate(stack, 'routes-builders-initial-unweighted');
    expect(templateTargets(template, two)).toEqual([{ VirtualNode: 'v1', Weight: 1 }, { VirtualNode: 'v2', Weight: 1 }]);
    expect(templateTargets(template, three)).toEqual([
      { VirtualNode: 'v1', Weight: 1 }, { VirtualNode: 'v2', Weight: 1 }, { VirtualNode: 'v3', Weight: 1 },
    ]);
  });

  it('shift reads unweighted targets as an even split of 100 percent, since the builders speak percentages', () => {
    const { stack, router, v1, v2 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1 }, { virtualNode: v2 }] }) })
      .shift(v1, v2, 10);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-initial-shift'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 40 },
      { VirtualNode: 'v2', Weight: 60 },
    ]);
  });

  it('an unweighted target beside a weighted one weighs 1 too (the weights as given), and the rules warn', () => {
    const { stack, mesh, router, v1, v2 } = routeFixture();
    const route = router.addRoute('Main', {
      routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1, weight: 40 }, { virtualNode: v2 }] }),
    });
    expect(mesh.validate().map((d) => d.code)).toEqual(['AMK_WEIGHT_SUM_NOT_100']);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-initial-40'), route)).toEqual([
      { VirtualNode: 'v1', Weight: 40 },
      { VirtualNode: 'v2', Weight: 1 },
    ]);
  });

  it('the first initial target is the stable node a canary is measured against', () => {
    const { router, v1, v2, v3 } = routeFixture();
    const route = router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1 }, { virtualNode: v2 }] }) });
    route.canary(v3, 10);
    expect(modelTargets(route)).toEqual([
      { virtualNode: 'v1', weight: 90 },
      { virtualNode: 'v3', weight: 10 },
    ]);
  });
});

describe('chaining', () => {
  it('every builder returns the route itself', () => {
    const { route, v1, v2, v3 } = httpRoute();
    expect(route.to(v1)).toBe(route);
    expect(route.canary(v2, 10)).toBe(route);
    expect(route.shift(v1, v3, 10)).toBe(route);
    expect(route.promote(v3)).toBe(route);
    expect(route.rollback()).toBe(route);
    expect(route.withRetries(RetryPolicy.recommended())).toBe(route);
    expect(route.withTimeout({ perRequest: Duration.seconds(10) })).toBe(route);
    expect(route).toBeInstanceOf(Route);
  });

  it('misused builders still return the route', () => {
    const { route, v1, v2 } = httpRoute();
    expect(route.canary(v2, 10)).toBe(route); // no stable yet
    route.to(v1);
    expect(route.canary(v2, 120)).toBe(route);
    expect(route.canary(v1, 10)).toBe(route);
    expect(route.shift(v2, v1, 10)).toBe(route);
    expect(route.shift(v1, v2, 120)).toBe(route);
  });
});

describe('builder misuse diagnostics', () => {
  it.each([120, 10.5, -5])('canary(v2, %d) is AMK_WEIGHT_RANGE and leaves the targets alone', (percent) => {
    const { mesh, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, percent);
    const d = expectDiagnostic(mesh, { code: 'AMK_WEIGHT_RANGE', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.value).toBe(String(percent));
    expect(d.message).toContain('canary(...)');
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v1', weight: 100 }]);
  });

  it('shift(v1, v2, 10.5) is AMK_WEIGHT_RANGE and leaves the targets alone', () => {
    const { mesh, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v1, v2, 10.5);
    const d = expectDiagnostic(mesh, { code: 'AMK_WEIGHT_RANGE', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.message).toContain('shift(...)');
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v1', weight: 90 }, { virtualNode: 'v2', weight: 10 }]);
  });

  it('canary without a stable node is AMK_CANARY_WITHOUT_STABLE and adds no target', () => {
    const { mesh, route, v2 } = httpRoute();
    route.canary(v2, 10);
    expectDiagnostic(mesh, { code: 'AMK_CANARY_WITHOUT_STABLE', at: route, field: HTTP_TARGETS_FIELD });
    expect(modelTargets(route)).toEqual([]);
  });

  it('rollback without a stable node is AMK_CANARY_WITHOUT_STABLE', () => {
    const { mesh, route } = httpRoute();
    route.rollback();
    const d = expectDiagnostic(mesh, { code: 'AMK_CANARY_WITHOUT_STABLE', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.message).toContain('rollback(...)');
    expect(modelTargets(route)).toEqual([]);
  });

  it('a canary that is the stable node itself is AMK_CANARY_IS_STABLE and leaves the targets alone', () => {
    const { mesh, route, v1 } = httpRoute();
    route.to(v1).canary(v1, 10);
    const d = expectDiagnostic(mesh, { code: 'AMK_CANARY_IS_STABLE', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.value).toBe(JSON.stringify(v1.node.path));
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v1', weight: 100 }]);
  });

  it('shifting from a node that is not a target is AMK_SHIFT_FROM_UNKNOWN and leaves the targets alone', () => {
    const { mesh, route, v1, v2, v3 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v3, v2, 10);
    const d = expectDiagnostic(mesh, { code: 'AMK_SHIFT_FROM_UNKNOWN', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.value).toBe(JSON.stringify(v3.node.path));
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v1', weight: 90 }, { virtualNode: 'v2', weight: 10 }]);
  });

  it('promoting a node that is not a target is AMK_PROMOTE_NOT_TARGET and leaves the targets alone', () => {
    const { mesh, route, v1, v2, v3 } = httpRoute();
    route.to(v1).canary(v2, 10).promote(v3);
    const d = expectDiagnostic(mesh, { code: 'AMK_PROMOTE_NOT_TARGET', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.value).toBe(JSON.stringify(v3.node.path));
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v1', weight: 90 }, { virtualNode: 'v2', weight: 10 }]);
  });

  it('shifting more than the source has is AMK_SHIFT_TOO_MUCH and leaves the targets alone', () => {
    const { mesh, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v2, v1, 20);
    const d = expectDiagnostic(mesh, { code: 'AMK_SHIFT_TOO_MUCH', at: route, field: HTTP_TARGETS_FIELD });
    expect(d.value).toBe('20');
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v1', weight: 90 }, { virtualNode: 'v2', weight: 10 }]);
  });

  it('reports the builder diagnostic under the route\'s own protocol key', () => {
    const fixture = routeFixture({ routerListeners: [VirtualRouterListener.tcp()], nodeListeners: () => [VirtualNodeListener.tcp()] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.tcp() });
    route.to(fixture.v1).canary(fixture.v2, 200);
    expectDiagnostic(fixture.mesh, { code: 'AMK_WEIGHT_RANGE', at: route, field: 'spec.tcpRoute.action.weightedTargets' });
  });

  it('a misused builder fails synthesis', () => {
    const { app, route, v1, v2 } = httpRoute();
    route.to(v1).canary(v2, 120);
    expect(() => app.synth()).toThrow(`AMK_WEIGHT_RANGE ${route.node.path} ${HTTP_TARGETS_FIELD}:`);
  });

  it('correct builder use leaves no diagnostics', () => {
    const { mesh, route, v1, v2, v3 } = httpRoute();
    route.to(v1).canary(v2, 10).shift(v1, v3, 10).promote(v3).canary(v1, 5).rollback();
    expect(mesh.validate()).toEqual([]);
    expect(modelTargets(route)).toEqual([{ virtualNode: 'v3', weight: 100 }]);
  });
});

const RECOMMENDED = {
  MaxRetries: 2,
  PerRetryTimeout: { Unit: 'ms', Value: 5000 },
  HttpRetryEvents: ['gateway-error'],
  TcpRetryEvents: ['connection-error'],
};

describe('withRetries', () => {
  it('RetryPolicy.recommended() on an http route', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1).withRetries(RetryPolicy.recommended());
    expect(routeResource(synthTemplate(stack, 'routes-builders-retry-http'), route).Properties.Spec.HttpRoute.RetryPolicy)
      .toEqual(RECOMMENDED);
  });

  it('RetryPolicy.recommended() on an http2 route', () => {
    const fixture = routeFixture({ routerListeners: [VirtualRouterListener.http2()], nodeListeners: () => [VirtualNodeListener.http2()] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.http2() }).to(fixture.v1).withRetries(RetryPolicy.recommended());
    const spec = routeResource(synthTemplate(fixture.stack, 'routes-builders-retry-http2'), route).Properties.Spec;
    expect(Object.keys(spec)).toEqual(['Http2Route']);
    expect(spec.Http2Route.RetryPolicy).toEqual(RECOMMENDED);
  });

  it('RetryPolicy.recommended() on a grpc route adds GrpcRetryEvents [unavailable]', () => {
    const fixture = routeFixture({ routerListeners: [VirtualRouterListener.grpc()], nodeListeners: () => [VirtualNodeListener.grpc()] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.grpc({ match: { serviceName: 'catalog.v1.Catalog' } }) })
      .to(fixture.v1).withRetries(RetryPolicy.recommended());
    expect(routeResource(synthTemplate(fixture.stack, 'routes-builders-retry-grpc'), route).Properties.Spec.GrpcRoute.RetryPolicy)
      .toEqual({ ...RECOMMENDED, GrpcRetryEvents: ['unavailable'] });
  });

  it('RetryPolicy.custom(...) renders exactly what was given', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1).withRetries(RetryPolicy.custom({
      maxRetries: 3,
      perRetryTimeout: Duration.millis(2500),
      httpRetryEvents: [HttpRetryEvent.SERVER_ERROR, HttpRetryEvent.STREAM_ERROR],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
    }));
    expect(routeResource(synthTemplate(stack, 'routes-builders-retry-custom'), route).Properties.Spec.HttpRoute.RetryPolicy).toEqual({
      MaxRetries: 3,
      PerRetryTimeout: { Unit: 'ms', Value: 2500 },
      HttpRetryEvents: ['server-error', 'stream-error'],
      TcpRetryEvents: ['connection-error'],
    });
  });

  it('RetryPolicy.custom(...) with gRPC events only on a grpc route', () => {
    const fixture = routeFixture({ routerListeners: [VirtualRouterListener.grpc()], nodeListeners: () => [VirtualNodeListener.grpc()] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.grpc({ match: { serviceName: 'catalog.v1.Catalog' } }) })
      .to(fixture.v1).withRetries(RetryPolicy.custom({
        maxRetries: 1,
        perRetryTimeout: Duration.seconds(3),
        grpcRetryEvents: [GrpcRetryEvent.DEADLINE_EXCEEDED, GrpcRetryEvent.RESOURCE_EXHAUSTED],
      }));
    expect(routeResource(synthTemplate(fixture.stack, 'routes-builders-retry-custom-grpc'), route).Properties.Spec.GrpcRoute.RetryPolicy)
      .toEqual({ MaxRetries: 1, PerRetryTimeout: { Unit: 'ms', Value: 3000 }, GrpcRetryEvents: ['deadline-exceeded', 'resource-exhausted'] });
  });

  it('retryPolicy in the spec is the starting point, and withRetries replaces it', () => {
    const { stack, router, v1 } = routeFixture();
    const routeSpec = RouteSpec.http({
      weightedTargets: [{ virtualNode: v1 }],
      retryPolicy: RetryPolicy.custom({ maxRetries: 1, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [HttpRetryEvent.CLIENT_ERROR] }),
    });
    const initial = router.addRoute('Initial', { routeSpec, routeName: 'initial' });
    const replaced = router.addRoute('Replaced', { routeSpec, routeName: 'replaced' }).withRetries(RetryPolicy.recommended());
    const template = synthTemplate(stack, 'routes-builders-retry-initial');
    expect(routeResource(template, initial).Properties.Spec.HttpRoute.RetryPolicy).toEqual({
      MaxRetries: 1, PerRetryTimeout: { Unit: 'ms', Value: 1000 }, HttpRetryEvents: ['client-error'],
    });
    expect(routeResource(template, replaced).Properties.Spec.HttpRoute.RetryPolicy).toEqual(RECOMMENDED);
  });
});

describe('withTimeout', () => {
  it('renders perRequest and idle on an http route', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1).withTimeout({ perRequest: Duration.seconds(10), idle: Duration.minutes(2) });
    expect(routeResource(synthTemplate(stack, 'routes-builders-timeout-http'), route).Properties.Spec.HttpRoute.Timeout).toEqual({
      PerRequest: { Unit: 'ms', Value: 10000 },
      Idle: { Unit: 'ms', Value: 120000 },
    });
  });

  it('renders sub-second durations in milliseconds', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1).withTimeout({ perRequest: Duration.millis(1500) });
    expect(routeResource(synthTemplate(stack, 'routes-builders-timeout-ms'), route).Properties.Spec.HttpRoute.Timeout).toEqual({
      PerRequest: { Unit: 'ms', Value: 1500 },
    });
  });

  it('renders an idle-only timeout on a tcp route', () => {
    const fixture = routeFixture({ routerListeners: [VirtualRouterListener.tcp()], nodeListeners: () => [VirtualNodeListener.tcp()] });
    const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.tcp() }).to(fixture.v1).withTimeout({ idle: Duration.seconds(30) });
    expect(routeResource(synthTemplate(fixture.stack, 'routes-builders-timeout-tcp'), route).Properties.Spec.TcpRoute).toEqual({
      Action: { WeightedTargets: [{ VirtualNode: 'v1', Weight: 100 }] },
      Timeout: { Idle: { Unit: 'ms', Value: 30000 } },
    });
  });

  it('an empty timeout renders no Timeout', () => {
    const { stack, route, v1 } = httpRoute();
    route.to(v1).withTimeout({});
    expect(routeResource(synthTemplate(stack, 'routes-builders-timeout-empty'), route).Properties.Spec.HttpRoute.Timeout).toBeUndefined();
  });
});

describe("the construct id 'Default'", () => {
  it('addRoute rejects it with a clear error naming the fix', () => {
    const { router } = routeFixture();
    expect(() => router.addRoute('Default', { routeSpec: RouteSpec.http() })).toThrow(/'Default'.*Fix: use another id/s);
  });

  it('new Route rejects it too', () => {
    const { router } = routeFixture();
    expect(() => new Route(router, 'Default', { virtualRouter: router, routeSpec: RouteSpec.http() })).toThrow(/Default/);
  });

  it('accepts a similar id', () => {
    const { stack, router, v1 } = routeFixture();
    const route = router.addRoute('DefaultRoute', { routeSpec: RouteSpec.http() }).to(v1);
    expect(routeResource(synthTemplate(stack, 'routes-builders-default-route-id'), route).Properties.RouteName).toEqual(expect.any(String));
  });
});

describe('targets added after construction', () => {
  it('to() a node defined after the route', () => {
    const { stack, mesh, route } = httpRoute();
    const late = addNode(mesh, 'Late', 'late');
    route.to(late);
    expect(templateTargets(synthTemplate(stack, 'routes-builders-late-node'), route)).toEqual([{ VirtualNode: 'late', Weight: 100 }]);
  });
});
