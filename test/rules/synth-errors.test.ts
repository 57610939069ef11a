import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  DiagnosticSeverity, HealthCheck, HttpRoutePathMatch, HttpRouteProtocol, Mesh, RouteSpec, ServiceDiscovery, VirtualNode, VirtualNodeListener,
  VirtualService,
} from '../../lib';
import { escapeRegExp, expectSynthError, lineStart, meshFixture, nodeWith, routeFixture } from '../support/fixtures';
import { synthTemplate, testApp } from '../support/synth';

function synthMessage(app: { synth: () => unknown }): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}

describe('route errors at synth', () => {
  it('fail one app.synth() whose message names every code, construct path and field', () => {
    const f = routeFixture();
    const a = f.router.addRoute('A', {
      routeSpec: RouteSpec.http({ priority: 1001, match: { path: HttpRoutePathMatch.startsWith('api') } }),
    }).to(f.v1).canary(f.v2, 120);
    const b = f.router.addRoute('B', {
      routeName: 'b'.repeat(256),
      routeSpec: RouteSpec.http({ match: { port: 9090, scheme: HttpRouteProtocol.HTTP } }),
    });

    const expected = [
      { code: 'AMK_WEIGHT_RANGE', at: a, field: 'spec.httpRoute.action.weightedTargets' },
      { code: 'AMK_PRIORITY_RANGE', at: a, field: 'spec.priority' },
      { code: 'AMK_PATH_PREFIX', at: a, field: 'spec.httpRoute.match.prefix' },
      { code: 'AMK_NAME_LENGTH', at: b, field: 'routeName' },
      { code: 'AMK_TARGET_COUNT', at: b, field: 'spec.httpRoute.action.weightedTargets' },
      { code: 'AMK_ROUTE_MATCH_PORT_UNKNOWN', at: b, field: 'spec.httpRoute.match.port' },
    ];

    // validate() holds exactly these errors (and the scheme warning), without throwing
    const diagnostics = f.mesh.validate();
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.ERROR).map((d) => `${d.code} ${d.constructPath} ${d.field}`).sort())
      .toEqual(expected.map((x) => `${x.code} ${x.at.node.path} ${x.field}`).sort());
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.WARNING).map((d) => d.code)).toEqual(['AMK_SCHEME_HTTP2_ONLY']);

    let thrown = 0;
    let message = '';
    try {
      f.app.synth();
    } catch (e) {
      thrown++;
      message = (e as Error).message;
    }
    expect(thrown).toBe(1);
    for (const x of expected) {
      expect(message).toContain(lineStart(x));
    }
    // warnings do not fail synthesis, so they are not in the error
    expect(message).not.toContain('AMK_SCHEME_HTTP2_ONLY');
  });
});

describe('synth errors', () => {
  it('fails once, listing all three errors of two resources', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 0, healthCheck: HealthCheck.http({ port: 8080, healthyThreshold: 1 }) })],
    });
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'catalog service.shop.local' });

    // validate() sees the same three errors, without throwing
    const errors = fixture.mesh.validate().filter((d) => d.severity === DiagnosticSeverity.ERROR);
    expect(errors.map((d) => [d.code, d.constructPath, d.field])).toEqual([
      ['AMK_SERVICE_NAME_DNS', service.node.path, 'virtualServiceName'],
      ['AMK_HEALTH_CHECK_THRESHOLD', node.node.path, 'spec.listeners[0].healthCheck.healthyThreshold'],
      ['AMK_PORT_RANGE', node.node.path, 'spec.listeners[0].portMapping.port'],
    ].sort((a, b) => a[1].localeCompare(b[1]) || a[2].localeCompare(b[2])));

    let thrown = 0;
    let message = '';
    try {
      fixture.app.synth();
    } catch (e) {
      thrown++;
      message = (e as Error).message;
    }
    expect(thrown).toBe(1);
    expect(message).toContain('AMK_PORT_RANGE');
    expect(message).toContain('AMK_HEALTH_CHECK_THRESHOLD');
    expect(message).toContain('AMK_SERVICE_NAME_DNS');
    expect(message).toContain(`AMK_PORT_RANGE ${node.node.path} spec.listeners[0].portMapping.port:`);
    expect(message).toContain(`AMK_HEALTH_CHECK_THRESHOLD ${node.node.path} spec.listeners[0].healthCheck.healthyThreshold:`);
    expect(message).toContain(`AMK_SERVICE_NAME_DNS ${service.node.path} virtualServiceName:`);
  });

  it('formats each error as CODE <path> <field>: <message> (got <value>). Fix: <fix>', () => {
    const fixture = nodeWith({ port: 70000 });
    const [d] = fixture.mesh.validate();
    const message = synthMessage(fixture.app);
    expect(message).toContain(`AMK_PORT_RANGE ${fixture.node.node.path} spec.listeners[0].portMapping.port: ${d.message} (got 70000). Fix: ${d.fix}`);
    expect(d.value).toBe('70000');
  });

  it('leaves out "(got …)" when no value is at fault', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', { listeners: [VirtualNodeListener.http()] });
    const message = synthMessage(fixture.app);
    expect(message).toMatch(new RegExp(`AMK_SERVICE_DISCOVERY_REQUIRED ${escapeRegExp(node.node.path)} spec\\.serviceDiscovery: [^\\n(]+\\. Fix: `));
  });

  it('reports errors of resources in several stacks in one failure', () => {
    const app = testApp();
    const meshStack = new Stack(app, 'MeshStack');
    const appStack = new Stack(app, 'AppStack');
    const mesh = new Mesh(meshStack, 'Mesh', { meshName: 'shop' });
    const node = new VirtualNode(appStack, 'Node', { mesh, listeners: [VirtualNodeListener.http()] });
    const service = new VirtualService(meshStack, 'Service', { mesh, virtualServiceName: 'bad name' });
    expectSynthError(app,
      { code: 'AMK_SERVICE_DISCOVERY_REQUIRED', at: node, field: 'spec.serviceDiscovery' },
      { code: 'AMK_SERVICE_NAME_DNS', at: service, field: 'virtualServiceName' });
  });

  it('warnings do not fail synth: they become annotations on the construct, naming path and field', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('catalog');
    const node = fixture.mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http({
        outlierDetection: {
          maxServerErrors: 5,
          interval: Duration.seconds(10),
          baseEjectionDuration: Duration.seconds(30),
          maxEjectionPercent: 50,
        },
      })],
    });
    expect(fixture.mesh.validate().map((d) => d.severity)).toEqual([DiagnosticSeverity.WARNING, DiagnosticSeverity.WARNING]);
    synthTemplate(fixture.stack, 'rules-synth-warnings');
    const annotations = Annotations.fromStack(fixture.stack);
    annotations.hasWarning(`/${service.node.path}`,
      Match.stringLikeRegexp(`^AMK_SERVICE_NAME_UNQUALIFIED ${escapeRegExp(service.node.path)} virtualServiceName: `));
    annotations.hasWarning(`/${node.node.path}`,
      Match.stringLikeRegexp(`^AMK_OUTLIER_DETECTION_DNS ${escapeRegExp(node.node.path)} spec\\.listeners\\[0\\]\\.outlierDetection: `));
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  it('a valid mesh synthesizes with no appmesh-kit warnings', () => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ path: '/ping' }) });
    fixture.mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local' });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-synth-valid');
    expect(Annotations.fromStack(fixture.stack).findWarning('*', Match.stringLikeRegexp('AMK_'))).toEqual([]);
  });
});
