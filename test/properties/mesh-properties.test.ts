import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AccessLog, Backend, ConnectionPool, DiagnosticSeverity, EnvoyConfig, GatewayRouteSpec, HeaderMatch, HealthCheck, HttpGatewayRoutePathMatch,
  HttpRouteMethod, HttpRoutePathMatch, LoggingFormat, Mesh, QueryParameterMatch, RetryPolicy, RouteSpec, ServiceDiscovery, TlsCertificate, TlsMode,
  TlsValidationTrust, VirtualGatewayListener, VirtualNode, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../lib';
import { formatDiagnostic } from '../../lib/rules/format';
import { MeshKitError } from '../../lib/rules/mesh-kit-error';
import { expectValid } from '../outputs/envoy/helpers';
import { ENVOY_ENV } from '../support/fixtures';
import { synthTemplate, testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Property-based tests (fast-check): generated meshes that use every feature must synthesize
 * without errors, give Envoy configs (both modes) that pass the proto checks, and be byte-identical
 * across two syntheses; an invalidating mutation of one must give diagnostics, never a crash.
 *
 * Run counts are fixed (RUNS below) to fit CI; fast-check prints the seed and the shrunk case of a
 * failure, and FC_SEED=<seed> replays it. The first TEMPLATE_SAMPLE templates go to cfn-lint.
 */
const RUNS = { valid: 25, mutation: 60 };
const TEMPLATE_SAMPLE = 5;
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

type Protocol = 'http' | 'http2' | 'grpc' | 'tcp';

interface NodeSpec {
  readonly protocol: Protocol;
  readonly port: number;
  readonly healthCheck: { healthy: number; unhealthy: number; intervalS: number; timeoutS: number; tcp: boolean } | undefined;
  readonly tls: 'none' | 'file-strict' | 'sds-permissive' | 'mutual';
  readonly outlier: { errors: number; percent: number } | undefined;
  readonly pool: number | undefined;
  readonly idleS: number | undefined;
  readonly log: 'none' | 'text' | 'json';
  readonly tags: [string, string][];
}

interface RouteSpecData {
  readonly priority: number;
  readonly prefix: string;
  readonly header: [string, string] | undefined;
  readonly query: string | undefined;
  readonly method: 'GET' | 'POST' | undefined;
  readonly weights: number[];
  readonly retries: number | undefined;
}

interface MeshSpec {
  readonly nodes: NodeSpec[];
  readonly routes: RouteSpecData[];
  readonly gatewayPort: number;
  readonly gatewayPrefix: string;
  readonly mutualTls: boolean;
}

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const pathSegment = fc.stringMatching(/^[a-z0-9]{1,8}$/);

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  protocol: fc.constantFrom<Protocol>('http', 'http2', 'grpc', 'tcp'),
  port: fc.integer({ min: 1, max: 65535 }).filter((p) => ![9901, 15000, 15001].includes(p)),
  healthCheck: fc.option(fc.record({
    healthy: fc.integer({ min: 2, max: 10 }),
    unhealthy: fc.integer({ min: 2, max: 10 }),
    intervalS: fc.integer({ min: 5, max: 300 }),
    timeoutS: fc.integer({ min: 2, max: 60 }),
    tcp: fc.boolean(),
  }), { nil: undefined }),
  tls: fc.constantFrom('none', 'file-strict', 'sds-permissive', 'mutual'),
  outlier: fc.option(fc.record({ errors: fc.integer({ min: 1, max: 100 }), percent: fc.integer({ min: 0, max: 100 }) }), { nil: undefined }),
  pool: fc.option(fc.integer({ min: 1, max: 10000 }), { nil: undefined }),
  idleS: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
  log: fc.constantFrom('none', 'text', 'json'),
  tags: fc.uniqueArray(fc.tuple(name, fc.string({ maxLength: 20 })), { maxLength: 3, selector: ([k]) => k }),
});

const routeSpec: fc.Arbitrary<RouteSpecData> = fc.record({
  priority: fc.integer({ min: 0, max: 1000 }),
  prefix: pathSegment.map((s) => `/${s}`),
  header: fc.option(fc.tuple(fc.stringMatching(/^x-[a-z]{1,10}$/), fc.stringMatching(/^[a-z0-9]{1,10}$/)), { nil: undefined }),
  query: fc.option(fc.stringMatching(/^[a-z]{1,10}$/), { nil: undefined }),
  method: fc.option(fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), { nil: undefined }),
  // App Mesh takes weights that add up to at most 100, one of them above 0.
  weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 3 })
    .filter((w) => w.some((x) => x > 0) && w.reduce((a, b) => a + b, 0) <= 100),
  retries: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
});

const meshSpec: fc.Arbitrary<MeshSpec> = fc.record({
  nodes: fc.uniqueArray(nodeSpec, { minLength: 1, maxLength: 3, selector: (n) => n.port }),
  routes: fc.uniqueArray(routeSpec, { minLength: 1, maxLength: 3, selector: (r) => r.priority }),
  gatewayPort: fc.integer({ min: 1025, max: 65535 }).filter((p) => ![9901, 15000, 15001].includes(p)),
  gatewayPrefix: pathSegment.map((s) => `/${s}/`),
  mutualTls: fc.boolean(),
});

const fileCert = () => TlsCertificate.file('/certs/chain.pem', '/certs/key.pem');
const fileTrust = () => TlsValidationTrust.file('/certs/ca.pem');

function listenerFor(n: NodeSpec): VirtualNodeListener {
  const hc = n.healthCheck;
  const checkProtocol = hc?.tcp || n.protocol === 'tcp' ? 'tcp' : n.protocol;
  const healthCheck = hc && HealthCheck[checkProtocol]({
    healthyThreshold: hc.healthy, unhealthyThreshold: hc.unhealthy, interval: Duration.seconds(hc.intervalS), timeout: Duration.seconds(hc.timeoutS),
  });
  const tls = n.tls === 'none' ? undefined : n.tls === 'file-strict' ? { mode: TlsMode.STRICT, certificate: fileCert() }
    : n.tls === 'sds-permissive' ? { mode: TlsMode.PERMISSIVE, certificate: TlsCertificate.sds('cert') }
      : { mode: TlsMode.STRICT, certificate: fileCert(), mutualTlsValidation: { trust: fileTrust() } };
  const pool = n.pool === undefined ? undefined : n.protocol === 'http' ? ConnectionPool.http({ maxConnections: n.pool, maxPendingRequests: n.pool })
    : n.protocol === 'tcp' ? ConnectionPool.tcp({ maxConnections: n.pool }) : ConnectionPool[n.protocol]({ maxRequests: n.pool });
  const outlierDetection = n.outlier && {
    maxServerErrors: n.outlier.errors,
    maxEjectionPercent: n.outlier.percent,
    interval: Duration.seconds(10),
    baseEjectionDuration: Duration.seconds(30),
  };
  const timeout = n.idleS === undefined ? undefined : { idle: Duration.seconds(n.idleS) };
  return VirtualNodeListener[n.protocol]({ port: n.port, healthCheck, tls, connectionPool: pool, outlierDetection, timeout } as any);
}

/** Builds the mesh a spec describes in a fresh app: every node behind one http router and service, a gateway in front. */
function build(spec: MeshSpec) {
  const app = testApp();
  const stack = new Stack(app, 'Prop', { env: ENVOY_ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'prop' });
  if (spec.mutualTls) mesh.requireMutualTls({ certificate: fileCert(), trust: fileTrust() });
  const targets = spec.nodes.map((n, i) => mesh.addVirtualNode(`Node${i}`, {
    virtualNodeName: `node-${i}`,
    // Cloud Map keeps outlier detection meaningful (with DNS LOADBALANCER it is a warning).
    serviceDiscovery: n.outlier ? ServiceDiscovery.cloudMapByName('prop.local', `node-${i}`) : ServiceDiscovery.dns(`node-${i}.prop.local`),
    listeners: [listenerFor(n)],
    accessLog: n.log === 'none' ? undefined : AccessLog.fromFilePath('/dev/stdout',
      n.log === 'text' ? LoggingFormat.fromText('[%START_TIME%] %REQ(:METHOD)%') : LoggingFormat.fromJson({ start: '%START_TIME%', code: '%RESPONSE_CODE%' })),
    tags: Object.fromEntries(n.tags),
  }));
  // Routes go to http nodes only (a route's targets must speak its protocol); without one, a plain http node joins.
  const httpNodes = targets.filter((_, i) => spec.nodes[i].protocol === 'http');
  const routeTargets: VirtualNode[] = httpNodes.length > 0 ? httpNodes : [mesh.addVirtualNode('Web', {
    virtualNodeName: 'web', serviceDiscovery: ServiceDiscovery.dns('web.prop.local'), listeners: [VirtualNodeListener.http({ port: 8080 })],
  })];
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'router', listeners: [VirtualRouterListener.http(8080)] });
  spec.routes.forEach((r, i) => router.addRoute(`Route${i}`, {
    routeName: `route-${i}`,
    routeSpec: RouteSpec.http({
      priority: r.priority,
      match: {
        path: HttpRoutePathMatch.startsWith(r.prefix),
        headers: r.header ? [HeaderMatch.valueIs(r.header[0], r.header[1])] : undefined,
        queryParameters: r.query ? [QueryParameterMatch.isPresent(r.query)] : undefined,
        method: r.method === undefined ? undefined : r.method === 'GET' ? HttpRouteMethod.GET : HttpRouteMethod.POST,
      },
      weightedTargets: r.weights.map((weight, t) => ({ virtualNode: routeTargets[t % routeTargets.length], weight })),
      retryPolicy: r.retries === undefined ? undefined : r.retries === 2 ? RetryPolicy.recommended()
        : RetryPolicy.custom({ maxRetries: r.retries, perRetryTimeout: Duration.seconds(2), httpRetryEvents: ['server-error' as any] }),
    }),
  }));
  const service = mesh.addVirtualService('Service', { virtualServiceName: 'app.prop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  targets.forEach((t) => t.addBackend(Backend.virtualService(service)));
  const gateway = mesh.addVirtualGateway('Gateway', {
    virtualGatewayName: 'gateway', listeners: [VirtualGatewayListener.http({ port: spec.gatewayPort })],
  });
  gateway.addGatewayRoute('Ingress', {
    gatewayRouteName: 'ingress',
    routeSpec: GatewayRouteSpec.http({ routeTarget: service, match: { path: HttpGatewayRoutePathMatch.startsWith(spec.gatewayPrefix, '/') } }),
  });
  return { app, stack, mesh, nodes: targets, proxies: [...targets, gateway] };
}

/** Every output of a built mesh as text: the template and each proxy's two Envoy configs. */
function outputs(built: ReturnType<typeof build>, lintAs?: string): string[] {
  const template = lintAs ? synthTemplate(built.stack, lintAs) : Template.fromStack(built.stack);
  const { configs, diagnostics } = EnvoyConfig.standaloneForMesh(built.mesh);
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  const appMesh = built.proxies.map((p) => EnvoyConfig.appMesh(p));
  for (const config of [...configs, ...appMesh]) expectValid(config);
  return [JSON.stringify(template.toJSON()), ...configs.map((c) => c.toYaml()), ...appMesh.map((c) => c.toYaml())];
}

describe('properties of generated meshes', () => {
  it(`valid meshes: no errors, Envoy configs pass the proto checks, byte-identical twice (${RUNS.valid} runs)`, () => {
    let sampled = 0;
    fc.assert(fc.property(meshSpec, (spec) => {
      const first = build(spec);
      const errors = first.mesh.validate().filter((d) => d.severity === DiagnosticSeverity.ERROR).map(formatDiagnostic);
      expect(errors).toEqual([]);
      const lintAs = sampled < TEMPLATE_SAMPLE ? `property-mesh-${sampled++}` : undefined;
      expect(outputs(build(spec))).toEqual(outputs(first, lintAs));
    }), { numRuns: RUNS.valid, seed });
  });

  /** Invalidating mutations: each breaks one App Mesh rule in an otherwise valid mesh. */
  const mutations: [string, (built: ReturnType<typeof build>) => void][] = [
    ['listener port 0', (b) => b.mesh.addVirtualNode('M', { serviceDiscovery: ServiceDiscovery.dns('m.prop.local'), listeners: [VirtualNodeListener.http({ port: 0 })] })],
    ['threshold 11', (b) => b.mesh.addVirtualNode('M', {
      serviceDiscovery: ServiceDiscovery.dns('m.prop.local'), listeners: [VirtualNodeListener.http({ healthCheck: HealthCheck.http({ healthyThreshold: 11 }) })],
    })],
    ['a name with /', (b) => b.mesh.addVirtualNode('M', { virtualNodeName: 'a/b' })],
    ['a duplicate node name', (b) => b.mesh.addVirtualNode('M', { virtualNodeName: 'node-0' })],
    ['priority 1001', (b) => (b.mesh.node.findChild('Router') as any).addRoute('M', { routeSpec: RouteSpec.http({ priority: 1001, weightedTargets: [{ virtualNode: b.nodes[0] }] }) })],
    ['regex a{1001}', (b) => (b.mesh.node.findChild('Router') as any).addRoute('M', {
      routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.regex('/a{1001}') }, weightedTargets: [{ virtualNode: b.nodes[0] }] }),
    })],
    ['startsWith(null)', (b) => (b.mesh.node.findChild('Router') as any).addRoute('M', {
      routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith(null as any) }, weightedTargets: [{ virtualNode: b.nodes[0] }] }),
    })],
    ['a string target', (b) => (b.mesh.node.findChild('Router') as any).addRoute('M', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: 'node-0' as any }] }) })],
    ['a token canary', (b) => (b.mesh.node.findChild('Router') as any).addRoute('M', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: b.nodes[0] }] }) })
      .canary(b.nodes[0], new CfnParameter(b.stack, 'P', { type: 'Number' }).valueAsNumber)],
    ['a tag key aws:', (b) => b.mesh.addVirtualNode('M', { tags: { 'aws:x': 'y' } })],
    ['a health check on another port', (b) => b.mesh.addVirtualNode('M', {
      serviceDiscovery: ServiceDiscovery.dns('m.prop.local'), listeners: [VirtualNodeListener.http({ port: 80, healthCheck: HealthCheck.http({ port: 81 }) })],
    })],
    ['a null listener', (b) => b.mesh.addVirtualNode('M', { serviceDiscovery: ServiceDiscovery.dns('m.prop.local'), listeners: [null as any] })],
    ['a node as backend', (b) => b.nodes[0].addBackend(Backend.virtualService(b.nodes[0] as any))],
    ['fromText()', (b) => b.mesh.addVirtualNode('M', { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText(undefined as any)) })],
  ];

  it(`an invalidating mutation gives diagnostics, never a crash (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(meshSpec, fc.integer({ min: 0, max: mutations.length - 1 }), (spec, m) => {
      const built = build(spec);
      mutations[m][1](built);
      let errors: string[] = [];
      try {
        errors = built.mesh.validate().filter((d) => d.severity === DiagnosticSeverity.ERROR).map(formatDiagnostic);
        built.app.synth();
      } catch (error) {
        // Synthesis fails with the rules' report; anything else (a TypeError from inside lib/) is a crash.
        if (!(error instanceof MeshKitError) && !/^Validation failed with the following errors:/.test((error as Error).message)) throw error;
      }
      expect(errors.length, `mutation "${mutations[m][0]}"`).toBeGreaterThan(0);
    }), { numRuns: RUNS.mutation, seed });
  });
});
