import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { buildColorApp } from '../../../examples/color-app/app';
import {
  Backend, HeaderMatch, HealthCheck, HttpRouteMethod, HttpRouteProtocol, HttpRoutePathMatch, Mesh, MeshLattice, MigrationReport,
  MigrationStatus, MigrationTarget, QueryParameterMatch, RouteSpec, ServiceConnectConfig, ServiceDiscovery, VirtualNode,
  VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../../lib';
import { MeshKitError } from '../../../lib/rules/mesh-kit-error';
import { expectSynthError } from '../../support/fixtures';
import { assemblyApp, synthTemplate, testApp } from '../../support/synth';

const ENV = { account: '111122223333', region: 'us-east-1' };

function vpcOf(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'],
  });
}

/** The canary the README shows: catalog v1 takes 90 %, v2 10 %, both health-checked over HTTP; a web node calls the service. */
function canaryMesh(app: App = testApp()) {
  const stack = new Stack(app, 'Canary', { env: ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const version = (v: string) => mesh.addVirtualNode(`Catalog${v}`, {
    virtualNodeName: `catalog-${v}`,
    serviceDiscovery: ServiceDiscovery.dns(`catalog-${v}.shop.local`),
    listeners: [VirtualNodeListener.http({
      port: 8080,
      healthCheck: HealthCheck.http({ path: '/ping', interval: Duration.seconds(10), timeout: Duration.millis(2500), healthyThreshold: 3 }),
    })],
  });
  const [v1, v2] = [version('v1'), version('v2')];
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog', listeners: [VirtualRouterListener.http(8080)] });
  router.addRoute('Route', { routeName: 'catalog', routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/') } }) })
    .to(v1).canary(v2, 10);
  const catalog = mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const web = mesh.addVirtualNode('Web', {
    virtualNodeName: 'web',
    serviceDiscovery: ServiceDiscovery.dns('web.shop.local'),
    listeners: [VirtualNodeListener.http({ port: 80 })],
    backends: [Backend.virtualService(catalog)],
  });
  return { app, stack, mesh, v1, v2, web, router };
}

describe('MeshLattice on a canary mesh', () => {
  const { stack, mesh, v1, web } = canaryMesh();
  const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack) });
  const template = synthTemplate(stack, 'lattice-canary');

  it('makes a service network named after the mesh, associated with the VPC, and a Lattice service per virtual service', () => {
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { Name: 'shop' });
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { VpcIdentifier: 'vpc-0123456789abcdef0' });
    template.hasResourceProperties('AWS::VpcLattice::Service', { Name: 'catalog-shop-local', AuthType: 'NONE' });
    template.resourceCountIs('AWS::VpcLattice::ServiceNetworkServiceAssociation', 1);
  });

  it('keeps the 90/10 split: the catch-all route is the listener\'s default action (no rule)', () => {
    template.resourceCountIs('AWS::VpcLattice::Rule', 0);
    const listeners = template.findResources('AWS::VpcLattice::Listener');
    const [listener] = Object.values(listeners) as any[];
    expect(listener.Properties.Port).toBe(8080);
    expect(listener.Properties.Protocol).toBe('HTTP');
    expect(listener.Properties.DefaultAction.Forward.TargetGroups.map((t: any) => t.Weight)).toEqual([90, 10]);
    expect(JSON.parse(lattice.toJson()).services[0].listeners[0].defaultActionFromRoute).toBe('catalog');
  });

  it('gives each node listener an IP target group with the listener\'s health check in seconds (timeout rounded up)', () => {
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Name: 'shop-catalog-v1-8080',
      Type: 'IP',
      Config: {
        Port: 8080,
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        VpcIdentifier: 'vpc-0123456789abcdef0',
        HealthCheck: {
          Enabled: true,
          Protocol: 'HTTP',
          ProtocolVersion: 'HTTP1',
          Path: '/ping',
          HealthCheckIntervalSeconds: 10,
          HealthCheckTimeoutSeconds: 3,
          HealthyThresholdCount: 3,
          UnhealthyThresholdCount: 2,
          Matcher: { HttpCode: '200' },
        },
      },
    });
    // A listener without a health check: App Mesh checks nothing, and Lattice would check / unless told not to.
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Name: 'shop-web-80', Config: Match.objectLike({ HealthCheck: { Enabled: false } }) });
  });

  it('wires an ECS service: vpcLatticeConfigurations with the Service Connect port name and the target group ARN', () => {
    const f = canaryMesh();
    const vpc = vpcOf(f.stack);
    const l = new MeshLattice(f.stack, 'Lattice', { mesh: f.mesh, vpc });
    const cluster = new ecs.Cluster(f.stack, 'Cluster', { vpc });
    const taskDefinition = new ecs.FargateTaskDefinition(f.stack, 'Task');
    taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/catalog:1'),
      portMappings: ServiceConnectConfig.forVirtualNode(f.v1, { namespace: 'shop.local' }).portMappings(),
    });
    const service = new ecs.FargateService(f.stack, 'Service', { cluster, taskDefinition });
    const role = new iam.Role(f.stack, 'EcsInfrastructure', { assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com') });
    l.configureEcsService(service, f.v1, role);
    const t = synthTemplate(f.stack, 'lattice-canary-ecs');
    const tgId = f.stack.getLogicalId(l.node.findChild('TargetGroup-shop-catalog-v1-8080') as never);
    t.hasResourceProperties('AWS::ECS::Service', {
      VpcLatticeConfigurations: [{ PortName: 'http-8080', RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('EcsInfrastructure'), 'Arn'] }, TargetGroupArn: { 'Fn::GetAtt': [tgId, 'Arn'] } }],
    });
    expect(f.stack.resolve(l.targetGroupArn(f.v1))).toEqual({ 'Fn::GetAtt': [tgId, 'Arn'] });
  });

  it('throws AMK_LATTICE_NO_TARGET_GROUP for a node without one, and for several without a port', () => {
    const other = new Mesh(stack, 'Other', { meshName: 'other' });
    const stranger = other.addVirtualNode('Stranger', { serviceDiscovery: ServiceDiscovery.dns('s.other.local'), listeners: [VirtualNodeListener.http()] });
    expect(() => lattice.targetGroupArn(stranger)).toThrow(/AMK_LATTICE_NO_TARGET_GROUP/);
    expect(() => lattice.targetGroupArn(web, 9999)).toThrow(/AMK_LATTICE_NO_TARGET_GROUP.*port 9999/);
    expect(lattice.targetGroupArn(v1, 8080)).toBeDefined();
  });
});

describe('MeshLattice on the color app', () => {
  it('synthesizes cfn-lint clean; the ingress gateway is reported with what to use instead', () => {
    const stack = buildColorApp(testApp());
    const lattice = new MeshLattice(stack, 'Lattice', { mesh: stack.mesh, vpc: vpcOf(stack) });
    const template = synthTemplate(stack, 'lattice-color-app');
    template.resourceCountIs('AWS::VpcLattice::Service', 2);
    template.resourceCountIs('AWS::VpcLattice::TargetGroup', 5);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
      Name: 'color-mesh-colorteller-red-vn-9080',
      Config: Match.objectLike({ HealthCheck: Match.objectLike({ Path: '/ping', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2 }) }),
    });
    const gateway = lattice.diagnostics.filter((d) => d.code === 'AMK_LATTICE_GATEWAY');
    expect(gateway.map((d) => d.constructPath)).toEqual([stack.ingress.node.path]);
    expect(gateway[0].fix).toMatch(/Application Load Balancer/);
    expect(lattice.diagnostics.map((d) => d.code)).toEqual(['AMK_LATTICE_GATEWAY']);
  });
});

/** A router with one route per match Lattice lacks, each before a catch-all; plus a tcp node and a grpc health check. */
function unmappedMesh() {
  const stack = new Stack(testApp(), 'Unmapped', { env: ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'unmapped' });
  const node = (name: string, listeners = [VirtualNodeListener.http({ port: 8080 })]) => mesh.addVirtualNode(name, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.unmapped.local`), listeners,
  });
  const [v1, v2] = [node('v1'), node('v2')];
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'r', listeners: [VirtualRouterListener.http(8080)] });
  const route = (name: string, match: object, priority: number) =>
    router.addRoute(name, { routeName: name, routeSpec: RouteSpec.http({ priority, match }) }).to(v2);
  route('regex', { path: HttpRoutePathMatch.regex('/items/[0-9]+') }, 1);
  route('suffix', { headers: [HeaderMatch.valueEndsWith('x-zone', '-eu')] }, 2);
  route('range', { headers: [HeaderMatch.valuesIsInRange('x-version', 2, 5)] }, 3);
  route('invert', { headers: [HeaderMatch.valueIsNot('x-debug', 'on')] }, 4);
  route('present', { headers: [HeaderMatch.isPresent('x-user')] }, 5);
  route('query', { queryParameters: [QueryParameterMatch.valueIs('mode', 'bulk')] }, 6);
  route('scheme', { scheme: HttpRouteProtocol.HTTPS }, 7);
  route('patch', { method: HttpRouteMethod.PATCH }, 8);
  route('six-headers', { headers: ['a', 'b', 'c', 'd', 'e', 'f'].map((h) => HeaderMatch.valueIs(`x-${h}`, '1')) }, 9);
  route('kept', { path: HttpRoutePathMatch.startsWith('/kept') }, 10);
  router.addRoute('All', { routeName: 'all', routeSpec: RouteSpec.http({ priority: 11 }) }).to(v1);
  mesh.addVirtualService('Service', { virtualServiceName: 'r.unmapped.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const db = node('db', [VirtualNodeListener.tcp({ port: 5432 })]);
  mesh.addVirtualService('Db', { virtualServiceName: 'db.unmapped.local', provider: VirtualServiceProvider.virtualNode(db) });
  node('rpc', [VirtualNodeListener.grpc({ port: 50051, healthCheck: HealthCheck.grpc() })]);
  mesh.addVirtualService('Nothing', { virtualServiceName: 'nothing.unmapped.local' });
  return { stack, mesh };
}

describe('MeshLattice leaves out what Lattice cannot match, and says so', () => {
  const { stack, mesh } = unmappedMesh();
  const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack) });
  const template = synthTemplate(stack, 'lattice-unmapped');
  const codes = (code: string) => lattice.diagnostics.filter((d) => d.code === code);

  it('emits only the mapped route as a rule (priority 1), and the catch-all as the default action', () => {
    const rules = Object.values(template.findResources('AWS::VpcLattice::Rule')) as any[];
    expect(rules.map((r) => [r.Properties.Name, r.Properties.Priority])).toEqual([['kept', 1]]);
    expect(rules[0].Properties.Match.HttpMatch.PathMatch).toEqual({ CaseSensitive: true, Match: { Prefix: '/kept' } });
  });

  it('reports each left-out route with AMK_LATTICE_MATCH_UNSUPPORTED and what Lattice lacks', () => {
    const unsupported = codes('AMK_LATTICE_MATCH_UNSUPPORTED');
    expect(unsupported.map((d) => d.constructPath.split('/').pop())).toEqual(['regex', 'suffix', 'range', 'invert', 'present', 'query', 'scheme', 'patch']);
    const text = unsupported.map((d) => d.message).join('\n');
    for (const what of ['path regex /items/[0-9]+', 'header x-zone suffix match', 'header x-version range match', 'inverted header match x-debug',
      'header x-user presence match', 'query parameters mode', 'scheme https', 'method PATCH']) expect(text).toContain(what);
    expect(unsupported[0].message).toMatch(/go to the next rule that matches/);
  });

  it('reports a route with more than 5 header matches (AMK_LATTICE_HEADER_LIMIT)', () => {
    expect(codes('AMK_LATTICE_HEADER_LIMIT').map((d) => [d.constructPath.split('/').pop(), d.value])).toEqual([['six-headers', '6']]);
  });

  it('reports a tcp listener (AMK_LATTICE_TCP), a grpc health check (AMK_LATTICE_HEALTH_CHECK) and a service without provider (AMK_LATTICE_UNRESOLVED)', () => {
    expect(codes('AMK_LATTICE_TCP').map((d) => [d.field, d.value])).toEqual([
      ['spec.listeners[0].portMapping', '"tcp:5432"'], ['spec.provider.virtualNode', '"db.unmapped.local"'],
    ]);
    expect(codes('AMK_LATTICE_HEALTH_CHECK').map((d) => d.value)).toEqual(['"grpc"']);
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Name: 'unmapped-rpc-50051', Config: Match.objectLike({ HealthCheck: { Enabled: false } }) });
    expect(codes('AMK_LATTICE_UNRESOLVED').map((d) => d.value)).toEqual(['"nothing.unmapped.local"']);
    template.resourceCountIs('AWS::VpcLattice::Service', 1);
  });

  it('warns on the construct, and the migration report\'s Lattice column has the lost features', () => {
    const report = MigrationReport.of(mesh);
    const lost = report.rowsWith(MigrationTarget.VPC_LATTICE, MigrationStatus.LOST).filter((r) => r.resourceKind === 'route').map((r) => r.feature);
    expect(new Set(lost)).toEqual(new Set(['PATH_REGEX', 'HEADER_OTHER', 'QUERY_PARAMETERS', 'SCHEME']));
    const method = report.rows.find((r) => r.feature === 'METHOD')!.findings.find((f) => f.target === MigrationTarget.VPC_LATTICE)!;
    expect(method.detail).toMatch(/PATCH route no rule \(AMK_LATTICE_MATCH_UNSUPPORTED\)/);
  });
});

describe('MeshLattice quotas and limits', () => {
  it('warns above 2 listeners per service (AMK_LATTICE_LISTENER_QUOTA)', () => {
    const stack = new Stack(testApp(), 'Listeners', { env: ENV });
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'ports' });
    const ports = [8080, 8081, 8082];
    const node = mesh.addVirtualNode('Node', {
      virtualNodeName: 'n', serviceDiscovery: ServiceDiscovery.dns('n.ports.local'), listeners: ports.map((port) => VirtualNodeListener.http({ port })),
    });
    mesh.addVirtualService('S', { virtualServiceName: 'n.ports.local', provider: VirtualServiceProvider.virtualNode(node) });
    const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack) });
    expect(lattice.diagnostics.map((d) => [d.code, d.value])).toEqual([['AMK_LATTICE_LISTENER_QUOTA', '[8080,8081,8082]']]);
    expect(lattice.vpcLatticeConfigurations(node, iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::111122223333:role/ecs')).map((c) => c.portName))
      .toEqual(['http-8080', 'http-8081', 'http-8082']);
    expect(() => lattice.targetGroupArn(node)).toThrow(/3 Lattice target groups \(ports 8080, 8081, 8082\): say which port/);
  });

  it('warns above 5 rules per listener, and leaves out routes beyond priority 100 (AMK_LATTICE_RULE_QUOTA, AMK_LATTICE_RULE_LIMIT)', () => {
    const stack = new Stack(testApp(), 'Rules', { env: ENV });
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'many' });
    const node = mesh.addVirtualNode('Node', { virtualNodeName: 'n', serviceDiscovery: ServiceDiscovery.dns('n.many.local'), listeners: [VirtualNodeListener.http()] });
    const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'r', listeners: [VirtualRouterListener.http(8080)] });
    for (let i = 0; i < 102; i++) {
      router.addRoute(`R${i}`, { routeName: `r${i}`, routeSpec: RouteSpec.http({ priority: i, match: { path: HttpRoutePathMatch.exactly(`/p${i}`) } }) }).to(node);
    }
    mesh.addVirtualService('S', { virtualServiceName: 'r.many.local', provider: VirtualServiceProvider.virtualRouter(router) });
    const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack) });
    const limit = lattice.diagnostics.find((d) => d.code === 'AMK_LATTICE_RULE_LIMIT')!;
    expect(limit.message).toMatch(/\(r100, r101\) get no rule/);
    expect(lattice.diagnostics.find((d) => d.code === 'AMK_LATTICE_RULE_QUOTA')!.value).toBe('100');
    const rules = JSON.parse(lattice.toJson()).services[0].listeners[0].rules;
    expect(rules.map((r: any) => r.priority)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(rules[0].route).toBe('r0');
  });

  it('drops a weight-0 target and reports it (AMK_LATTICE_ZERO_WEIGHT); a route to an imported node gets no rule (AMK_LATTICE_UNRESOLVED)', () => {
    const stack = new Stack(testApp(), 'Weights', { env: ENV });
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'w' });
    const node = (n: string) => mesh.addVirtualNode(n, { virtualNodeName: n, serviceDiscovery: ServiceDiscovery.dns(`${n}.w.local`), listeners: [VirtualNodeListener.http()] });
    const [a, b] = [node('a'), node('b')];
    const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'r', listeners: [VirtualRouterListener.http(8080)] });
    router.addRoute('Drained', { routeName: 'drained', routeSpec: RouteSpec.http({ priority: 1, match: { path: HttpRoutePathMatch.startsWith('/d') } }) })
      .to(a).canary(b, 50).shift(b, a, 50);
    const imported = VirtualNode.fromVirtualNodeAttributes(stack, 'Imported', { mesh, virtualNodeName: 'elsewhere' });
    router.addRoute('Away', { routeName: 'away', routeSpec: RouteSpec.http({ priority: 2, match: { path: HttpRoutePathMatch.startsWith('/x') } }) }).to(imported);
    mesh.addVirtualService('S', { virtualServiceName: 'r.w.local', provider: VirtualServiceProvider.virtualRouter(router) });
    const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack) });
    expect(lattice.diagnostics.map((d) => [d.code, d.constructPath.split('/').pop(), d.field])).toEqual([
      ['AMK_LATTICE_ZERO_WEIGHT', 'Drained', 'spec.httpRoute.action.weightedTargets[1].weight'],
      ['AMK_LATTICE_UNRESOLVED', 'Away', 'spec.httpRoute.action.weightedTargets[0]'],
    ]);
    const rules = JSON.parse(lattice.toJson()).services[0].listeners[0].rules;
    expect(rules.map((r: any) => [r.route, r.action])).toEqual([['drained', { forward: [{ targetGroup: 'w-a-8080', weight: 100 }] }]]);
  });

  it('throws AMK_LATTICE_REGION in a Region without Lattice', () => {
    const { stack, mesh } = canaryMesh();
    const china = new Stack(stack.node.scope as App, 'China', { env: { account: ENV.account, region: 'cn-north-1' } });
    const error = (() => {
      try {
        new MeshLattice(china, 'Lattice', { mesh, vpc: vpcOf(china) });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MeshKitError);
    expect((error as Error).message).toMatch(/AMK_LATTICE_REGION.*cn-north-1/);
  });
});

describe('MeshLattice auth policy and opt-in fields', () => {
  it('allows exactly the nodes that list the service as a backend, by their task roles (AMK_LATTICE_AUTH_CALLER for one without)', () => {
    const { stack, mesh, web } = canaryMesh();
    const other = mesh.addVirtualNode('Other', {
      virtualNodeName: 'other',
      serviceDiscovery: ServiceDiscovery.dns('other.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 81 })],
      backends: [Backend.virtualService(mesh.node.findChild('Catalog') as never)],
    });
    const role = iam.Role.fromRoleArn(stack, 'WebRole', 'arn:aws:iam::111122223333:role/web-task');
    const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack), authPolicy: true, callerRoles: [{ virtualNode: web, role }] });
    const template = synthTemplate(stack, 'lattice-auth');
    template.hasResourceProperties('AWS::VpcLattice::Service', { Name: 'catalog-shop-local', AuthType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/web-task'] }, Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
      },
    });
    // No node calls web or other: no policy, so IAM auth denies every request, as App Mesh's backends did.
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 1);
    expect(lattice.diagnostics.filter((d) => d.code === 'AMK_LATTICE_AUTH_CALLER').map((d) => d.constructPath)).toEqual([other.node.path]);
  });

  it('names each service with its virtual service name as CustomDomainName when asked (customDomainNames)', () => {
    const { stack, mesh } = canaryMesh();
    const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack), customDomainNames: true });
    const template = synthTemplate(stack, 'lattice-custom-domain');
    template.hasResourceProperties('AWS::VpcLattice::Service', { Name: 'catalog-shop-local', CustomDomainName: 'catalog.shop.local' });
    const service = lattice.serviceFor('catalog.shop.local')!;
    expect(stack.resolve(service.attrDnsEntryDomainName)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(service), 'DnsEntry.DomainName'] });
    expect(lattice.serviceFor('unknown.shop.local')).toBeUndefined();
  });

  it('sets IdleTimeoutSeconds only when asked (cfn-lint 1.51 does not know it, so this template is not linted)', () => {
    const { stack, mesh } = canaryMesh();
    new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack), idleTimeout: Duration.minutes(2) });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Service', { IdleTimeoutSeconds: 120 });
    const plain = canaryMesh();
    new MeshLattice(plain.stack, 'Lattice', { mesh: plain.mesh, vpc: vpcOf(plain.stack) });
    const service = Object.values(Template.fromStack(plain.stack).findResources('AWS::VpcLattice::Service'))[0] as any;
    expect(service.Properties.IdleTimeoutSeconds).toBeUndefined();
  });
});

describe('AMK_LATTICE_MESH_CHANGED', () => {
  it('fails the synthesis when a node, a route or a weight changes after MeshLattice was made, naming it and the mesh', () => {
    const added = canaryMesh();
    const early = new MeshLattice(added.stack, 'Lattice', { mesh: added.mesh, vpc: vpcOf(added.stack) });
    added.mesh.addVirtualNode('Late', { virtualNodeName: 'late', serviceDiscovery: ServiceDiscovery.dns('late.shop.local'), listeners: [VirtualNodeListener.http()] });
    const message = expectSynthError(added.app, { code: 'AMK_LATTICE_MESH_CHANGED', at: early, field: 'mesh' });
    expect(message).toContain(added.mesh.node.path);

    const reweighted = canaryMesh();
    const before = new MeshLattice(reweighted.stack, 'Lattice', { mesh: reweighted.mesh, vpc: vpcOf(reweighted.stack) });
    reweighted.router.addRoute('Admin', {
      routeName: 'admin', routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/admin') }, weightedTargets: [{ virtualNode: reweighted.v2 }] }),
    });
    expectSynthError(reweighted.app, { code: 'AMK_LATTICE_MESH_CHANGED', at: before, field: 'mesh' });
  });

  it('leaves a MeshLattice made after the mesh alone, and a change outside the mesh too', () => {
    const { app, stack, mesh } = canaryMesh();
    new MeshLattice(stack, 'Lattice', { mesh, vpc: vpcOf(stack) });
    new Stack(app, 'Other', { env: ENV });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('lattice/<mesh>.json in the cloud assembly', () => {
  it('summarizes the plan for every mesh, byte-identical across syntheses, and turns off with appmesh-kit:latticeOutput=false', () => {
    const read = (app: App) => {
      canaryMesh(app);
      const file = path.join(app.synth().directory, 'lattice', 'shop.json');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    };
    const first = read(assemblyApp());
    expect(first).toBe(read(assemblyApp()));
    const json = JSON.parse(first!);
    expect(json).toMatchObject({ mesh: 'shop', serviceNetwork: 'shop', region: 'us-east-1' });
    expect(json.targetGroups.map((t: any) => [t.name, t.ecsPortName])).toEqual([
      ['shop-catalog-v1-8080', 'http-8080'], ['shop-catalog-v2-8080', 'http-8080'], ['shop-web-80', 'http-80'],
    ]);
    expect(json.services[0].listeners[0].defaultAction).toEqual({
      forward: [{ targetGroup: 'shop-catalog-v1-8080', weight: 90 }, { targetGroup: 'shop-catalog-v2-8080', weight: 10 }],
    });
    expect(read(assemblyApp({ 'appmesh-kit:latticeOutput': false }))).toBeUndefined();
  });
});
