import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Construct, IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  AccessLog, Backend, ConnectionPool, EnvoyConfig, EnvoyMode, EnvoyTracing, GatewayRouteHostnameMatch, GatewayRouteSpec, HeaderMatch, HealthCheck,
  HttpGatewayRoutePathMatch, HttpRoutePathMatch, LoggingFormat, Mesh, MeshAppContainer, MeshTaskCompatibility, MeshTaskDefinition,
  QueryParameterMatch,
  RetryPolicy, RouteSpec, ServiceDiscovery, SubjectAlternativeNames, TlsCertificate, TlsMode, TlsValidationTrust, VirtualGatewayListener, VirtualNode,
  VirtualNodeListener, VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';
import { formatDiagnostic } from '../../lib/rules/format';
import { MeshKitError } from '../../lib/rules/mesh-kit-error';
import { expectValid } from '../outputs/envoy/helpers';
import { ENVOY_ENV } from '../support/fixtures';
import { synthTemplate, testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The bad-input corpus: inputs an adversarial or plain-JavaScript user gives, one row each, across
 * every rule family and every output (the CloudFormation model, Envoy in App Mesh and standalone
 * mode, the ECS construct and its JSON). Each row names the codes it must get; every such finding
 * must name its construct path and field and carry a fix (the one-line form formatDiagnostic prints).
 * Then valid inputs at the exact edges, which must synthesize and give Envoy configs that pass the proto checks.
 */

interface World {
  readonly app: App;
  readonly stack: Stack;
  readonly mesh: Mesh;
  readonly v1: VirtualNode;
  readonly v2: VirtualNode;
  readonly router: ReturnType<Mesh['addVirtualRouter']>;
  readonly service: VirtualService;
  readonly gateway: ReturnType<Mesh['addVirtualGateway']>;
}

/** Mesh shop: nodes catalog-v1/v2 (http 8080), router catalog (http 8080) with a default route to v1, its service, gateway ingress (http 8080). */
function world(): World {
  const app = testApp();
  const stack = new Stack(app, 'Corpus', { env: ENVOY_ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const node = (id: string, name: string) => mesh.addVirtualNode(id, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`), listeners: [VirtualNodeListener.http({ port: 8080 })],
  });
  const v1 = node('V1', 'catalog-v1');
  const v2 = node('V2', 'catalog-v2');
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog', listeners: [VirtualRouterListener.http(8080)] });
  router.addRoute('Fallback', { routeName: 'default', routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: v1 }] }) });
  const service = mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
  return { app, stack, mesh, v1, v2, router, service, gateway };
}

// ----- builders of the bad part -----

const anyOf = (value: unknown) => value as any;
const dns = (name = 'bad.shop.local') => ServiceDiscovery.dns(name);
const badNode = (w: World, props: Record<string, unknown>) => w.mesh.addVirtualNode('Bad', { virtualNodeName: 'bad', serviceDiscovery: dns(), ...props } as any);
const withListener = (w: World, listener: unknown) => badNode(w, { listeners: [listener] });
const httpListener = (w: World, options: Record<string, unknown>) => withListener(w, VirtualNodeListener.http({ port: 8080, ...options } as any));
const badRoute = (w: World, spec: unknown, name = 'bad') => w.router.addRoute('Bad', { routeName: name, routeSpec: spec as RouteSpec });
const httpRoute = (w: World, options: Record<string, unknown>) =>
  badRoute(w, RouteSpec.http({ weightedTargets: [{ virtualNode: w.v1 }], priority: 5, ...options } as any));
const matchRoute = (w: World, match: Record<string, unknown>) => httpRoute(w, { match });
const badGwRoute = (w: World, spec: unknown) => w.gateway.addGatewayRoute('Bad', { gatewayRouteName: 'bad', routeSpec: spec as GatewayRouteSpec });
const gwHttp = (w: World, options: Record<string, unknown>) => badGwRoute(w, GatewayRouteSpec.http({ routeTarget: w.service, ...options } as any));
const fileCert = () => TlsCertificate.file('/certs/chain.pem', '/certs/key.pem');
const fileTrust = () => TlsValidationTrust.file('/certs/ca.pem');
const APP: MeshAppContainer = { name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', ports: [8080] };
const task = (w: World, props: Record<string, unknown>) => new MeshTaskDefinition(w.stack, 'Task', { virtualNode: w.v1, appContainers: [APP], ...props } as any);
const repeat = (n: number, c = 'a') => c.repeat(n);
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
const headers = (n: number) => Array.from({ length: n }, (_, i) => HeaderMatch.valueIs(`x-h${i}`, 'v'));
const otherMesh = (w: World) => new Mesh(w.stack, 'Other', { meshName: 'other' });
const pca = (w: World, n: number) => Array.from({ length: n }, (_, i) => acmpca.CertificateAuthority.fromCertificateAuthorityArn(w.stack, `Ca${i}`,
  `arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0000000${i}-1111-2222-3333-444444444444`));

type Output = 'template' | 'envoy-appmesh' | 'envoy-standalone' | 'ecs' | 'ecs-json' | 'construct';

/** What a row builds: the construct the finding must name, and for thrown findings the call that throws. */
interface Built {
  readonly at: IConstruct | string;
  readonly run?: () => unknown;
}

type Row = [name: string, output: Output, build: (w: World) => IConstruct | Built, expected: [code: string, field: string][]];

const T = 'template';
const F_HC = 'spec.listeners[0].healthCheck';
const F_TLS = 'spec.listeners[0].tls';
const F_LOG = 'spec.logging.accessLog.file';
const F_MATCH = 'spec.httpRoute.match';
const F_TARGETS = 'spec.httpRoute.action.weightedTargets';

const ROWS: Row[] = [
  // ----- names and tags (every resource kind) -----
  ['node name of 256 characters', T, (w) => badNode(w, { virtualNodeName: repeat(256) }), [['AMK_NAME_LENGTH', 'virtualNodeName']]],
  ['node name with a slash', T, (w) => badNode(w, { virtualNodeName: 'a/b' }), [['AMK_NAME_SLASH', 'virtualNodeName']]],
  ['router name with a slash', T, (w) => w.mesh.addVirtualRouter('Bad', { virtualRouterName: 'r/1', listeners: [VirtualRouterListener.http()] }),
    [['AMK_NAME_SLASH', 'virtualRouterName']]],
  ['route name with a slash', T, (w) => badRouteNamed(w, 'a/b'), [['AMK_NAME_SLASH', 'routeName']]],
  ['gateway name of 256 characters', T, (w) => w.mesh.addVirtualGateway('Bad', { virtualGatewayName: repeat(256), listeners: [VirtualGatewayListener.http()] }),
    [['AMK_NAME_LENGTH', 'virtualGatewayName']]],
  ['gateway route name with a slash', T, (w) => w.gateway.addGatewayRoute('Bad', { gatewayRouteName: 'g/r', routeSpec: GatewayRouteSpec.http({ routeTarget: w.service }) }),
    [['AMK_NAME_SLASH', 'gatewayRouteName']]],
  ['two nodes of one name', T, (w) => badNode(w, { virtualNodeName: 'catalog-v1', listeners: [VirtualNodeListener.http()] }), [['AMK_DUPLICATE_NAME', 'virtualNodeName']]],
  ['two routes of one name in a router', T, (w) => badRouteNamed(w, 'default'), [['AMK_DUPLICATE_NAME', 'routeName']]],
  ['two services of one name', T, (w) => w.mesh.addVirtualService('Bad', { virtualServiceName: 'catalog.shop.local' }), [['AMK_DUPLICATE_NAME', 'virtualServiceName']]],
  ['a tag key of 129 characters', T, (w) => badNode(w, { tags: { [repeat(129)]: 'v' } }), [['AMK_TAG_KEY_LENGTH', 'tags[0].key']]],
  ['a tag value of 257 characters', T, (w) => badNode(w, { tags: { k: repeat(257) } }), [['AMK_TAG_VALUE_LENGTH', 'tags[0].value']]],
  ['51 tags', T, (w) => badNode(w, { tags: manyTags(51) }), [['AMK_TAG_COUNT', 'tags']]],
  ['a tag key aws:owner', T, (w) => badNode(w, { tags: { 'aws:owner': 'me' } }), [['AMK_TAG_KEY_RESERVED', 'tags[0].key']]],
  ['a null tag value (plain JS)', T, (w) => badNode(w, { tags: { team: null } }), [['AMK_REQUIRED', 'tags[0].value']]],
  ['a router tag key aws:x', T, (w) => w.mesh.addVirtualRouter('Bad', { virtualRouterName: 'r', listeners: [VirtualRouterListener.http()], tags: { 'aws:x': 'y' } }),
    [['AMK_TAG_KEY_RESERVED', 'tags[0].key']]],

  // ----- listener ports -----
  ['node listener port 0', T, (w) => withListener(w, VirtualNodeListener.http({ port: 0 })), [['AMK_PORT_RANGE', 'spec.listeners[0].portMapping.port']]],
  ['node listener port 65536', T, (w) => withListener(w, VirtualNodeListener.tcp({ port: 65536 })), [['AMK_PORT_RANGE', 'spec.listeners[0].portMapping.port']]],
  ['node listener port 80.5', T, (w) => withListener(w, VirtualNodeListener.grpc({ port: 80.5 })), [['AMK_PORT_RANGE', 'spec.listeners[0].portMapping.port']]],
  ['node listener port NaN', T, (w) => withListener(w, VirtualNodeListener.http({ port: NaN })), [['AMK_WRONG_TYPE', 'spec.listeners[0].portMapping.port']]],
  ['node listener port "80" (plain JS)', T, (w) => withListener(w, VirtualNodeListener.http({ port: anyOf('80') })),
    [['AMK_WRONG_TYPE', 'spec.listeners[0].portMapping.port']]],
  ['VirtualNodeListener.http(9090) (plain JS)', T, (w) => withListener(w, VirtualNodeListener.http(anyOf(9090))),
    [['AMK_WRONG_TYPE', 'spec.listeners[0].portMapping.port']]],
  ['two node listeners on one port', T, (w) => badNode(w, { listeners: [VirtualNodeListener.http({ port: 80 }), VirtualNodeListener.tcp({ port: 80 })] }),
    [['AMK_DUPLICATE_PORT', 'spec.listeners[1].portMapping.port']]],
  ['a null listener (plain JS)', T, (w) => badNode(w, { listeners: [null] }), [['AMK_WRONG_TYPE', 'spec.listeners[0]']]],
  ['router listener port 0', T, (w) => w.mesh.addVirtualRouter('Bad', { virtualRouterName: 'r', listeners: [VirtualRouterListener.http(0)] }),
    [['AMK_PORT_RANGE', 'spec.listeners[0].portMapping.port']]],
  ['router listener port 65536', T, (w) => w.mesh.addVirtualRouter('Bad', { virtualRouterName: 'r', listeners: [VirtualRouterListener.tcp(65536)] }),
    [['AMK_PORT_RANGE', 'spec.listeners[0].portMapping.port']]],
  ['gateway listener port 0', T, (w) => w.mesh.addVirtualGateway('Bad', { virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http({ port: 0 })] }),
    [['AMK_PORT_RANGE', 'spec.listeners[0].portMapping.port']]],
  ['two gateway listeners on one port', T, (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http({ port: 80 }), VirtualGatewayListener.grpc({ port: 80 })],
  }), [['AMK_DUPLICATE_PORT', 'spec.listeners[1].portMapping.port']]],
  ['VirtualGatewayListener.http(9090) (plain JS)', T, (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http(anyOf(9090))],
  }), [['AMK_WRONG_TYPE', 'spec.listeners[0].portMapping.port']]],

  // ----- health checks -----
  ['healthy threshold 1', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ healthyThreshold: 1 }) }), [['AMK_HEALTH_CHECK_THRESHOLD', `${F_HC}.healthyThreshold`]]],
  ['healthy threshold 11', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ healthyThreshold: 11 }) }), [['AMK_HEALTH_CHECK_THRESHOLD', `${F_HC}.healthyThreshold`]]],
  ['unhealthy threshold 1', T, (w) => httpListener(w, { healthCheck: HealthCheck.tcp({ unhealthyThreshold: 1 }) }),
    [['AMK_HEALTH_CHECK_THRESHOLD', `${F_HC}.unhealthyThreshold`]]],
  ['unhealthy threshold 11', T, (w) => httpListener(w, { healthCheck: HealthCheck.tcp({ unhealthyThreshold: 11 }) }),
    [['AMK_HEALTH_CHECK_THRESHOLD', `${F_HC}.unhealthyThreshold`]]],
  ['interval 4999 ms', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ interval: Duration.millis(4999) }) }), [['AMK_HEALTH_CHECK_INTERVAL', `${F_HC}.intervalMillis`]]],
  ['interval 301 s', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ interval: Duration.seconds(301) }) }), [['AMK_HEALTH_CHECK_INTERVAL', `${F_HC}.intervalMillis`]]],
  ['timeout 1999 ms', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ timeout: Duration.millis(1999) }) }), [['AMK_HEALTH_CHECK_TIMEOUT', `${F_HC}.timeoutMillis`]]],
  ['timeout 61 s', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ timeout: Duration.seconds(61) }) }), [['AMK_HEALTH_CHECK_TIMEOUT', `${F_HC}.timeoutMillis`]]],
  ['interval as a number (plain JS)', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ interval: anyOf(5000) }) }), [['AMK_WRONG_TYPE', `${F_HC}.intervalMillis`]]],
  ['health check on another port', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ port: 9901 }) }), [['AMK_HEALTH_CHECK_PORT', `${F_HC}.port`]]],
  ['gateway health check on another port', T, (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http({ port: 8080, healthCheck: HealthCheck.http({ port: 8081 }) })],
  }), [['AMK_HEALTH_CHECK_PORT', `${F_HC}.port`]]],
  ['health check port 0', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ port: 0 }) }), [['AMK_PORT_RANGE', `${F_HC}.port`]]],
  ['grpc check on an http listener', T, (w) => httpListener(w, { healthCheck: HealthCheck.grpc() }), [['AMK_HEALTH_CHECK_PROTOCOL', `${F_HC}.protocol`]]],
  ['http2 check on a tcp listener (warning)', T, (w) => withListener(w, VirtualNodeListener.tcp({ healthCheck: HealthCheck.http2() })),
    [['AMK_HEALTH_CHECK_TCP_LISTENER', `${F_HC}.protocol`]]],
  ['tcp check on a gateway', T, (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http({ healthCheck: HealthCheck.tcp() })],
  }), [['AMK_HEALTH_CHECK_PROTOCOL', `${F_HC}.protocol`]]],
  ['health check path of 256 characters', T, (w) => httpListener(w, { healthCheck: HealthCheck.http({ path: `/${repeat(255)}` }) }),
    [['AMK_HEALTH_CHECK_PATH', `${F_HC}.path`]]],
  ['a path on a tcp check (plain JS)', T, (w) => httpListener(w, { healthCheck: HealthCheck.tcp(anyOf({ path: '/ping' })) }),
    [['AMK_HEALTH_CHECK_PATH_PROTOCOL', `${F_HC}.path`]]],

  // ----- outlier detection, connection pools, timeouts -----
  ['maxServerErrors 0', T, (w) => httpListener(w, { outlierDetection: outlier({ maxServerErrors: 0 }) }),
    [['AMK_OUTLIER_DETECTION_SERVER_ERRORS', 'spec.listeners[0].outlierDetection.maxServerErrors']]],
  ['ejection percent 101', T, (w) => httpListener(w, { outlierDetection: outlier({ maxEjectionPercent: 101 }) }),
    [['AMK_OUTLIER_DETECTION_PERCENT', 'spec.listeners[0].outlierDetection.maxEjectionPercent']]],
  ['outlier detection without interval (plain JS)', T, (w) => httpListener(w, { outlierDetection: outlier({ interval: undefined }) }),
    [['AMK_OUTLIER_DETECTION_INCOMPLETE', 'spec.listeners[0].outlierDetection.interval']]],
  ['outlier detection with DNS load balancing (warning)', T, (w) => httpListener(w, { outlierDetection: outlier({}) }),
    [['AMK_OUTLIER_DETECTION_DNS', 'spec.listeners[0].outlierDetection']]],
  ['http pool of 0 connections', T, (w) => httpListener(w, { connectionPool: ConnectionPool.http({ maxConnections: 0 }) }),
    [['AMK_CONNECTION_POOL_VALUE', 'spec.listeners[0].connectionPool.http.maxConnections']]],
  ['grpc pool on an http listener', T, (w) => httpListener(w, { connectionPool: ConnectionPool.grpc({ maxRequests: 10 }) }),
    [['AMK_CONNECTION_POOL_PROTOCOL', 'spec.listeners[0].connectionPool.grpc']]],
  ['http2 pool of 0 requests on a gateway', T, (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http2({ connectionPool: ConnectionPool.http2({ maxRequests: 0 }) })],
  }), [['AMK_CONNECTION_POOL_VALUE', 'spec.listeners[0].connectionPool.http2.maxRequests']]],
  ['a listener timeout as a number (plain JS)', T, (w) => httpListener(w, { timeout: { perRequest: 5 } }),
    [['AMK_WRONG_TYPE', 'spec.listeners[0].timeout.http.perRequest']]],

  // ----- TLS -----
  ['STRICT without a certificate', T, (w) => httpListener(w, { tls: { mode: TlsMode.STRICT } }), [['AMK_TLS_CERTIFICATE_REQUIRED', `${F_TLS}.certificate`]]],
  ['an empty certificate path', T, (w) => httpListener(w, { tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('', '/k.pem') } }),
    [['AMK_TLS_FILE_PATH', `${F_TLS}.certificate.file.certificateChain`]]],
  ['a 256-character key path', T, (w) => httpListener(w, { tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/c.pem', `/${repeat(255)}`) } }),
    [['AMK_TLS_FILE_PATH', `${F_TLS}.certificate.file.privateKey`]]],
  ['an unknown TLS mode (plain JS)', T, (w) => httpListener(w, { tls: { mode: 'ON', certificate: fileCert() } }), [['AMK_ENUM', `${F_TLS}.mode`]]],
  ['TlsCertificate.acm(undefined) (plain JS)', T, (w) => httpListener(w, { tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(anyOf(undefined)) } }),
    [['AMK_WRONG_TYPE', `${F_TLS}.certificate.acm.certificateArn`]]],
  ['an ACM trust validating clients', T, (w) => httpListener(w, {
    tls: { mode: TlsMode.STRICT, certificate: fileCert(), mutualTlsValidation: { trust: TlsValidationTrust.acm(pca(w, 1)) } },
  }), [['AMK_TLS_LISTENER_TRUST_KIND', `${F_TLS}.validation.trust.acm`]]],
  ['four ACM authorities in a backend trust', T, (w) => badNode(w, {
    backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm(pca(w, 4)) } } },
  }), [['AMK_TLS_TRUST_CA_COUNT', 'spec.backendDefaults.clientPolicy.tls.validation.trust.acm.certificateAuthorityArns']]],
  ['a client certificate from ACM (plain JS)', T, (w) => badNode(w, {
    backendDefaults: {
      tlsClientPolicy: {
        validation: { trust: fileTrust() },
        mutualTlsCertificate: TlsCertificate.acm(acm.Certificate.fromCertificateArn(w.stack, 'C',
          'arn:aws:acm:eu-west-1:111122223333:certificate/00000000-1111-2222-3333-444444444444')),
      },
    },
  }), [['AMK_TLS_CLIENT_CERTIFICATE_KIND', 'spec.backendDefaults.clientPolicy.tls.certificate.acm']]],
  ['a TLS client policy port 0', T, (w) => badNode(w, { backendDefaults: { tlsClientPolicy: { ports: [0], validation: { trust: fileTrust() } } } }),
    [['AMK_PORT_RANGE', 'spec.backendDefaults.clientPolicy.tls.ports[0]']]],
  ['a certificate under DISABLED (warning)', T, (w) => httpListener(w, { tls: { mode: TlsMode.DISABLED, certificate: fileCert() } }),
    [['AMK_TLS_CERTIFICATE_UNUSED', `${F_TLS}.certificate`]]],
  ['requireMutualTls(null) (plain JS)', 'construct', (w) => ({ at: w.mesh, run: () => w.mesh.requireMutualTls(anyOf(null)) }), [['AMK_REQUIRED', 'requireMutualTls(options)']]],
  ['an empty SAN', T, (w) => badNode(w, {
    backendDefaults: { tlsClientPolicy: { validation: { trust: fileTrust(), subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('') } } },
  }), [['AMK_TLS_SAN_LENGTH', 'spec.backendDefaults.clientPolicy.tls.validation.subjectAlternativeNames.match.exact[0]']]],

  // ----- access logs -----
  ['an empty log path', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('') }), [['AMK_ACCESS_LOG_PATH', `${F_LOG}.path`]]],
  ['a log path of 256 characters', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath(`/${repeat(255)}`) }), [['AMK_ACCESS_LOG_PATH', `${F_LOG}.path`]]],
  ['an empty text format', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText('')) }),
    [['AMK_ACCESS_LOG_FORMAT', `${F_LOG}.format.text`]]],
  ['a text format of 1001 characters', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText(repeat(1001))) }),
    [['AMK_ACCESS_LOG_FORMAT', `${F_LOG}.format.text`]]],
  ['LoggingFormat.fromText() (plain JS)', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText(anyOf(undefined))) }),
    [['AMK_ACCESS_LOG_FORMAT', `${F_LOG}.format`]]],
  ['LoggingFormat.fromText(null) (plain JS)', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText(anyOf(null))) }),
    [['AMK_REQUIRED', `${F_LOG}.format.text`]]],
  ['a JSON format without keys', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({})) }),
    [['AMK_ACCESS_LOG_JSON_KEY', `${F_LOG}.format.json`]]],
  ['a JSON key of 101 characters', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ [repeat(101)]: '%START_TIME%' })) }),
    [['AMK_ACCESS_LOG_JSON_KEY', `${F_LOG}.format.json[0].key`]]],
  ['an empty JSON value', T, (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ start: '' })) }),
    [['AMK_ACCESS_LOG_JSON_VALUE', `${F_LOG}.format.json[0].value`]]],
  ['a gateway log path of 256 characters', T, (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http()], accessLog: AccessLog.fromFilePath(`/${repeat(255)}`),
  }), [['AMK_ACCESS_LOG_PATH', `${F_LOG}.path`]]],

  // ----- service discovery, services, backends -----
  ['an empty DNS hostname', T, (w) => badNode(w, { serviceDiscovery: dns(''), listeners: [VirtualNodeListener.http()] }),
    [['AMK_DNS_HOSTNAME', 'spec.serviceDiscovery.dns.hostname']]],
  ['listeners without service discovery', T, (w) => w.mesh.addVirtualNode('Bad', { virtualNodeName: 'bad', listeners: [VirtualNodeListener.http()] }),
    [['AMK_SERVICE_DISCOVERY_REQUIRED', 'spec.serviceDiscovery']]],
  ['ServiceDiscovery.cloudMap(undefined) (plain JS)', T, (w) => badNode(w, { serviceDiscovery: ServiceDiscovery.cloudMap(anyOf(undefined)) }),
    [['AMK_WRONG_TYPE', 'spec.serviceDiscovery.awsCloudMap.namespaceName'], ['AMK_WRONG_TYPE', 'spec.serviceDiscovery.awsCloudMap.serviceName']]],
  ['a Cloud Map attribute key with a space', T, (w) => badNode(w, { serviceDiscovery: ServiceDiscovery.cloudMapByName('ns', 'svc', { 'a b': 'x' }) }),
    [['AMK_CLOUD_MAP_ATTRIBUTE', 'spec.serviceDiscovery.awsCloudMap.attributes[0].key']]],
  ['an empty Cloud Map namespace', T, (w) => badNode(w, { serviceDiscovery: ServiceDiscovery.cloudMapByName('', 'svc') }),
    [['AMK_CLOUD_MAP_NAME', 'spec.serviceDiscovery.awsCloudMap.namespaceName']]],
  ['an unknown IP preference (plain JS)', T, (w) => badNode(w, { serviceDiscovery: ServiceDiscovery.dns('bad.shop.local', undefined, anyOf('IPv5')) }),
    [['AMK_ENUM', 'spec.serviceDiscovery.dns.ipPreference']]],
  ['a service name with a space', T, (w) => w.mesh.addVirtualService('Bad', { virtualServiceName: 'cat alog.shop.local' }), [['AMK_SERVICE_NAME_DNS', 'virtualServiceName']]],
  ['a router given to VirtualServiceProvider.virtualNode (plain JS)', T, (w) => w.mesh.addVirtualService('Bad', {
    virtualServiceName: 'x.shop.local', provider: VirtualServiceProvider.virtualNode(anyOf(w.router)),
  }), [['AMK_WRONG_TYPE', 'spec.provider.virtualNode.virtualNodeName']]],
  ['a node given to VirtualServiceProvider.virtualRouter (plain JS)', T, (w) => w.mesh.addVirtualService('Bad', {
    virtualServiceName: 'x.shop.local', provider: VirtualServiceProvider.virtualRouter(anyOf(w.v1)),
  }), [['AMK_WRONG_TYPE', 'spec.provider.virtualRouter.virtualRouterName']]],
  ['a provider object of the wrong kind (plain JS)', T, (w) => w.mesh.addVirtualService('Bad', { virtualServiceName: 'x.shop.local', provider: anyOf(w.v1) }),
    [['AMK_WRONG_TYPE', 'spec.provider']]],
  ['a provider in another mesh', T, (w) => w.mesh.addVirtualService('Bad', {
    virtualServiceName: 'x.shop.local', provider: VirtualServiceProvider.virtualNode(otherMesh(w).addVirtualNode('N', { serviceDiscovery: dns() })),
  }), [['AMK_PROVIDER_MESH', 'spec.provider.virtualNode.virtualNodeName']]],
  ['a node given to Backend.virtualService (plain JS)', T, (w) => badNode(w, { backends: [Backend.virtualService(anyOf(w.v2))] }),
    [['AMK_WRONG_TYPE', 'spec.backends[0].virtualService.virtualServiceName']]],
  ['Backend.virtualService(undefined) (plain JS)', T, (w) => badNode(w, { backends: [Backend.virtualService(anyOf(undefined))] }),
    [['AMK_WRONG_TYPE', 'spec.backends[0].virtualService.virtualServiceName']]],
  ['a backend in another mesh', T, (w) => badNode(w, { backends: [Backend.virtualService(otherMesh(w).addVirtualService('S', { virtualServiceName: 's.other' }))] }),
    [['AMK_BACKEND_MESH', 'spec.backends[0].virtualService.virtualServiceName']]],
  ['a null backend (plain JS)', T, (w) => badNode(w, { backends: [null] }), [['AMK_WRONG_TYPE', 'spec.backends[0]']]],

  // ----- routes -----
  ['priority -1', T, (w) => httpRoute(w, { priority: -1 }), [['AMK_PRIORITY_RANGE', 'spec.priority']]],
  ['priority 1001', T, (w) => httpRoute(w, { priority: 1001 }), [['AMK_PRIORITY_RANGE', 'spec.priority']]],
  ['priority 1.5', T, (w) => httpRoute(w, { priority: 1.5 }), [['AMK_PRIORITY_RANGE', 'spec.priority']]],
  ['two routes of one priority', T, (w) => { httpRoute(w, { priority: 7 }); return w.router.addRoute('Bad2', { routeName: 'bad2', routeSpec: RouteSpec.http({ priority: 7, weightedTargets: [{ virtualNode: w.v2 }] }) }); },
    [['AMK_DUPLICATE_PRIORITY', 'spec.priority']]],
  ['weight 101', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: w.v1, weight: 101 }] }), [['AMK_WEIGHT_RANGE', `${F_TARGETS}[0].weight`]]],
  ['weight -1', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: w.v1, weight: -1 }] }), [['AMK_WEIGHT_RANGE', `${F_TARGETS}[0].weight`]]],
  ['weights summing to 0', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: w.v1, weight: 0 }, { virtualNode: w.v2, weight: 0 }] }),
    [['AMK_WEIGHT_SUM_NOT_100', F_TARGETS]]],
  ['11 targets', T, (w) => httpRoute(w, { weightedTargets: Array.from({ length: 11 }, () => ({ virtualNode: w.v1, weight: 1 })) }), [['AMK_TARGET_COUNT', F_TARGETS]]],
  ['a target named by a string (plain JS)', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: 'catalog-v1' }] }), [['AMK_WRONG_TYPE', `${F_TARGETS}[0].virtualNode`]]],
  ['route.to(\'catalog-v1\') (plain JS)', T, (w) => httpRoute(w, {}).to(anyOf('catalog-v1')), [['AMK_WRONG_TYPE', `${F_TARGETS}[0].virtualNode`]]],
  ['route.to(service) (plain JS)', T, (w) => httpRoute(w, {}).to(anyOf(w.service)), [['AMK_WRONG_TYPE', `${F_TARGETS}[0].virtualNode`]]],
  ['a target in another mesh', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: otherMesh(w).addVirtualNode('N', { serviceDiscovery: dns(), listeners: [VirtualNodeListener.http()] }) }] }),
    [['AMK_TARGET_MESH', `${F_TARGETS}[0].virtualNode`]]],
  ['a target without listeners', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: w.mesh.addVirtualNode('Quiet', { virtualNodeName: 'quiet' }) }] }),
    [['AMK_TARGET_NO_LISTENER', `${F_TARGETS}[0].virtualNode`]]],
  ['a target port the node does not listen on', T, (w) => httpRoute(w, { weightedTargets: [{ virtualNode: w.v1, port: 9999 }] }),
    [['AMK_TARGET_PORT_UNKNOWN', `${F_TARGETS}[0].port`]]],
  ['a tcp route on an http router', T, (w) => badRoute(w, RouteSpec.tcp({ weightedTargets: [{ virtualNode: w.v1 }] })), [['AMK_ROUTE_PROTOCOL', 'spec.tcpRoute']]],
  ['a canary of the stable node', T, (w) => httpRoute(w, {}).canary(w.v1, 10), [['AMK_CANARY_IS_STABLE', F_TARGETS]]],
  ['a canary of 101 percent', T, (w) => httpRoute(w, {}).canary(w.v2, 101), [['AMK_WEIGHT_RANGE', F_TARGETS]]],
  ['promote a node that is no target', T, (w) => httpRoute(w, {}).promote(w.v2), [['AMK_PROMOTE_NOT_TARGET', F_TARGETS]]],
  ['shift from a node that is no target', T, (w) => httpRoute(w, {}).shift(w.v2, w.v1, 10), [['AMK_SHIFT_FROM_UNKNOWN', F_TARGETS]]],
  ['a path prefix without /', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.startsWith('api') }), [['AMK_PATH_PREFIX', `${F_MATCH}.prefix`]]],
  ['HttpRoutePathMatch.startsWith(null) (plain JS)', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.startsWith(anyOf(null)) }), [['AMK_REQUIRED', `${F_MATCH}.prefix`]]],
  ['HttpRoutePathMatch.exactly(null) (plain JS)', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.exactly(anyOf(null)) }), [['AMK_REQUIRED', `${F_MATCH}.path.exact`]]],
  ['an exact path of 256 characters', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.exactly(`/${repeat(255)}`) }), [['AMK_MATCH_VALUE', `${F_MATCH}.path.exact`]]],
  ['regex a{1001} (JavaScript accepts it)', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('/a{1001}') }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['regex with \\Z', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('/a\\Z') }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['regex with a look-behind', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('(?<=/v1)/items') }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['regex with a back-reference', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('/(a)\\1') }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['regex with a possessive repeat', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('/a++') }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['regex with \\uXXXX', T, (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('/\\u0041') }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['header regex with an atomic group', T, (w) => matchRoute(w, { headers: [HeaderMatch.valueMatchesRegex('x-v', '(?>a)')] }),
    [['AMK_REGEX', `${F_MATCH}.headers[0].match.regex`]]],
  ['11 header matches', T, (w) => matchRoute(w, { headers: headers(11) }), [['AMK_MATCH_COUNT', `${F_MATCH}.headers`]]],
  ['no header matches', T, (w) => matchRoute(w, { headers: [] }), [['AMK_MATCH_COUNT', `${F_MATCH}.headers`]]],
  ['a header name of 51 characters', T, (w) => matchRoute(w, { headers: [HeaderMatch.isPresent(repeat(51))] }), [['AMK_MATCH_NAME', `${F_MATCH}.headers[0].name`]]],
  ['a header value of null (plain JS)', T, (w) => matchRoute(w, { headers: [HeaderMatch.valueIs('x', anyOf(null))] }), [['AMK_REQUIRED', `${F_MATCH}.headers[0].match.exact`]]],
  ['a header range 10–5', T, (w) => matchRoute(w, { headers: [HeaderMatch.valuesIsInRange('x', 10, 5)] }), [['AMK_MATCH_RANGE', `${F_MATCH}.headers[0].match.range`]]],
  ['a query parameter name of null (plain JS)', T, (w) => matchRoute(w, { queryParameters: [QueryParameterMatch.valueIs(anyOf(null), 'v')] }),
    [['AMK_REQUIRED', `${F_MATCH}.queryParameters[0].name`]]],
  ['a query value of 256 characters', T, (w) => matchRoute(w, { queryParameters: [QueryParameterMatch.valueIs('q', repeat(256))] }),
    [['AMK_MATCH_VALUE', `${F_MATCH}.queryParameters[0].match.exact`]]],
  ['11 query parameters', T, (w) => matchRoute(w, { queryParameters: Array.from({ length: 11 }, (_, i) => QueryParameterMatch.isPresent(`q${i}`)) }),
    [['AMK_MATCH_COUNT', `${F_MATCH}.queryParameters`]]],
  ['method FETCH (plain JS)', T, (w) => matchRoute(w, { method: 'FETCH' }), [['AMK_ENUM', `${F_MATCH}.method`]]],
  ['a match port the router does not have', T, (w) => matchRoute(w, { port: 9999 }), [['AMK_ROUTE_MATCH_PORT_UNKNOWN', `${F_MATCH}.port`]]],
  ['maxRetries -1', T, (w) => httpRoute(w, { retryPolicy: RetryPolicy.custom({ maxRetries: -1, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [anyOf('server-error')] }) }),
    [['AMK_RETRY_MAX', 'spec.httpRoute.retryPolicy.maxRetries']]],
  ['retries on no events', T, (w) => httpRoute(w, { retryPolicy: RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1) }) }),
    [['AMK_RETRY_NO_EVENTS', 'spec.httpRoute.retryPolicy']]],
  ['an unknown retry event (plain JS)', T, (w) => httpRoute(w, { retryPolicy: RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [anyOf('oops')] }) }),
    [['AMK_ENUM', 'spec.httpRoute.retryPolicy.httpRetryEvents[0]']]],
  ['a retry policy object of the wrong kind (plain JS)', T, (w) => httpRoute(w, { retryPolicy: { maxRetries: 2 } }), [['AMK_WRONG_TYPE', 'spec.httpRoute.retryPolicy']]],
  ['a grpc method without a service', T, (w) => w.mesh.addVirtualRouter('GrpcRouter', { virtualRouterName: 'g', listeners: [VirtualRouterListener.grpc(8080)] })
    .addRoute('Bad', { routeName: 'bad', routeSpec: RouteSpec.grpc({ match: { methodName: 'Get' }, weightedTargets: [{ virtualNode: w.v1 }] }) }),
  [['AMK_GRPC_METHOD_WITHOUT_SERVICE', 'spec.grpcRoute.match.methodName']]],
  ['a route without its spec (plain JS)', T, (w) => w.router.addRoute('Bad', anyOf({ routeName: 'x' })), [['AMK_REQUIRED', 'routeSpec']]],
  ['a canary percent known only at deploy time', T, (w) => httpRoute(w, {}).to(w.v1).canary(w.v2, new CfnParameter(w.stack, 'P', { type: 'Number' }).valueAsNumber),
    [['AMK_BUILDER_TOKEN', F_TARGETS]]],

  // ----- gateway routes -----
  ['a gateway route prefix without /', T, (w) => gwHttp(w, { match: { path: HttpGatewayRoutePathMatch.startsWith('api') } }), [['AMK_PATH_PREFIX', `${F_MATCH}.prefix`]]],
  ['HttpGatewayRoutePathMatch.startsWith(null) (plain JS)', T, (w) => gwHttp(w, { match: { path: HttpGatewayRoutePathMatch.startsWith(anyOf(null)) } }),
    [['AMK_REQUIRED', `${F_MATCH}.prefix`]]],
  ['a gateway route regex with \\Z', T, (w) => gwHttp(w, { match: { path: HttpGatewayRoutePathMatch.regex('/a\\Z') } }), [['AMK_REGEX', `${F_MATCH}.path.regex`]]],
  ['a gateway route priority 1001', T, (w) => gwHttp(w, { priority: 1001 }), [['AMK_PRIORITY_RANGE', 'spec.priority']]],
  ['a hostname suffix of 254 characters', T, (w) => gwHttp(w, { match: { hostname: GatewayRouteHostnameMatch.endsWith(`.${repeat(253)}`) } }),
    [['AMK_MATCH_HOSTNAME', `${F_MATCH}.hostname.suffix`]]],
  ['a rewrite of a prefix to no /', T, (w) => gwHttp(w, { match: { path: HttpGatewayRoutePathMatch.startsWith('/api/', 'v2') } }),
    [['AMK_GATEWAY_REWRITE_PREFIX', 'spec.httpRoute.action.rewrite.prefix.value']]],
  ['a grpc gateway route on an http gateway', T, (w) => badGwRoute(w, GatewayRouteSpec.grpc({ routeTarget: w.service, match: { serviceName: 'S' } })),
    [['AMK_GATEWAY_ROUTE_PROTOCOL', 'spec.grpcRoute']]],
  ['a gateway route target in another mesh', T, (w) => gwHttp(w, { routeTarget: otherMesh(w).addVirtualService('S', { virtualServiceName: 's.other' }) }),
    [['AMK_GATEWAY_ROUTE_TARGET_MESH', 'spec.httpRoute.action.target.virtualService.virtualServiceName']]],
  ['a gateway route target that is a node (plain JS)', T, (w) => gwHttp(w, { routeTarget: w.v1 }),
    [['AMK_WRONG_TYPE', 'spec.httpRoute.action.target.virtualService']]],
  ['a gateway route match port the gateway lacks', T, (w) => gwHttp(w, { match: { port: 9999 } }), [['AMK_GATEWAY_ROUTE_MATCH_PORT_UNKNOWN', `${F_MATCH}.port`]]],
  ['11 gateway route headers', T, (w) => gwHttp(w, { match: { headers: headers(11) } }), [['AMK_MATCH_COUNT', `${F_MATCH}.headers`]]],

  // ----- constructors and plain-JS arguments -----
  ['new VirtualNode without props (plain JS)', 'construct', (w) => ({ at: `${w.stack.node.path}/N`, run: () => new (VirtualNode as any)(w.stack, 'N') }),
    [['AMK_REQUIRED', 'props']]],
  ['new VirtualService without mesh (plain JS)', 'construct', (w) => ({ at: `${w.stack.node.path}/S`, run: () => new (VirtualService as any)(w.stack, 'S', {}) }),
    [['AMK_REQUIRED', 'mesh']]],
  ['a node whose mesh is a string (plain JS)', 'construct', (w) => ({ at: `${w.stack.node.path}/N`, run: () => new (VirtualNode as any)(w.stack, 'N', { mesh: 'shop' }) }),
    [['AMK_WRONG_TYPE', 'mesh']]],
  ['a mesh member with the id Default', 'construct', (w) => ({ at: `${w.mesh.node.path}/Default`, run: () => w.mesh.addVirtualNode('Default') }),
    [['AMK_DEFAULT_ID', 'id']]],

  // ----- Envoy, App Mesh mode -----
  ['adminPort 70000', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { adminPort: 70000 }) }), [['AMK_PORT_RANGE', 'adminPort']]],
  ['adminPort 0', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { adminPort: 0 }) }), [['AMK_PORT_RANGE', 'adminPort']]],
  ['adminPort "9901" (plain JS)', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { adminPort: anyOf('9901') }) }), [['AMK_WRONG_TYPE', 'adminPort']]],
  ['statsd port 0', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { statsd: true, statsdPort: 0 }) }), [['AMK_PORT_RANGE', 'statsdPort']]],
  ['X-Ray daemon port 65536', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { tracing: EnvoyTracing.xray({ daemonPort: 65536 }) }) }),
    [['AMK_PORT_RANGE', 'tracing']]],
  ['Datadog port 0', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { tracing: EnvoyTracing.datadog({ port: 0 }) }) }), [['AMK_PORT_RANGE', 'tracing']]],
  ['an unknown Region', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMesh(w.v1, { region: 'mars-1' }) }), [['AMK_ENVOY_REGION', 'region']]],
  ['environment with an unknown Region', 'envoy-appmesh', (w) => ({ at: w.v1, run: () => EnvoyConfig.appMeshEnvironment(w.v1, { region: 'us-east-9' }) }),
    [['AMK_ENVOY_REGION', 'region']]],
  ['a service instead of a node (plain JS)', 'envoy-appmesh', (w) => ({ at: w.service, run: () => EnvoyConfig.appMesh(anyOf(w.service)) }),
    [['AMK_PROXY_RESOURCE', 'resource']]],
  ['an env-agnostic stack without a Region', 'envoy-appmesh', () => {
    const stack = new Stack(testApp(), 'Agnostic');
    const node = new Mesh(stack, 'Mesh').addVirtualNode('N', { serviceDiscovery: dns() });
    return { at: node, run: () => EnvoyConfig.appMesh(node) };
  }, [['AMK_ENVOY_UNRESOLVABLE', 'region']]],

  // ----- Envoy, standalone -----
  ['ingress port equal to egress port', 'envoy-standalone', (w) => ({ at: w.v1, run: () => EnvoyConfig.standalone(w.v1, { ingressPort: 15001 }) }),
    [['AMK_ENVOY_PORT_CONFLICT', 'egressPort']]],
  ['admin port equal to ingress port', 'envoy-standalone', (w) => ({ at: w.v1, run: () => EnvoyConfig.standalone(w.v1, { adminPort: 15000 }) }),
    [['AMK_ENVOY_PORT_CONFLICT', 'ingressPort']]],
  ['egress port 65536', 'envoy-standalone', (w) => ({ at: w.v1, run: () => EnvoyConfig.standalone(w.v1, { egressPort: 65536 }) }), [['AMK_PORT_RANGE', 'egressPort']]],
  ['ingress port 0', 'envoy-standalone', (w) => ({ at: w.v1, run: () => EnvoyConfig.standalone(w.v1, { ingressPort: 0 }) }), [['AMK_PORT_RANGE', 'ingressPort']]],
  ['Jaeger port 70000', 'envoy-standalone', (w) => ({ at: w.v1, run: () => EnvoyConfig.standalone(w.v1, { tracing: EnvoyTracing.jaeger({ port: 70000 }) }) }),
    [['AMK_PORT_RANGE', 'tracing']]],
  ['EnvoyConfig.standalone(undefined) (plain JS)', 'envoy-standalone', () => ({ at: '(no construct)', run: () => EnvoyConfig.standalone(anyOf(undefined)) }),
    [['AMK_PROXY_RESOURCE', 'resource']]],
  ['an ACM certificate (only App Mesh can serve it)', 'envoy-standalone', (w) => {
    const node = httpListener(w, {
      tls: {
        mode: TlsMode.STRICT,
        certificate: TlsCertificate.acm(acm.Certificate.fromCertificateArn(w.stack, 'Cert',
          'arn:aws:acm:eu-west-1:111122223333:certificate/00000000-1111-2222-3333-444444444444')),
      },
    });
    return { at: node, run: () => EnvoyConfig.standalone(node) };
  }, [['AMK_ENVOY_APP_MESH_ONLY', F_TLS]]],
  ['a backend this app does not define', 'envoy-standalone', (w) => {
    const node = badNode(w, { backends: [Backend.virtualService(VirtualService.fromVirtualServiceAttributes(w.stack, 'Ext', { virtualServiceName: 'ext.shop.local', mesh: w.mesh }))] });
    return { at: node, run: () => EnvoyConfig.standalone(node) };
  }, [['AMK_ENVOY_UNKNOWN_RESOURCE', 'spec.backends[0].virtualService.virtualServiceName']]],
  ['an imported node', 'envoy-standalone', (w) => {
    const node = VirtualNode.fromVirtualNodeAttributes(w.stack, 'Imported', { virtualNodeName: 'imported', mesh: w.mesh });
    return { at: node, run: () => EnvoyConfig.standalone(node) };
  }, [['AMK_ENVOY_UNRESOLVABLE', 'resource']]],

  // ----- ECS construct -----
  ['a Fargate cpu of 300', 'ecs', (w) => task(w, { cpu: 300 }), [['AMK_ECS_FARGATE_SIZE', 'cpu']]],
  ['a Fargate 256-cpu task of 4096 MiB', 'ecs', (w) => task(w, { cpu: 256, memoryMiB: 4096 }), [['AMK_ECS_FARGATE_SIZE', 'memoryMiB']]],
  ['a container over the task memory', 'ecs', (w) => task(w, { appContainers: [{ ...APP, memoryLimitMiB: 2048 }] }),
    [['AMK_ECS_CONTAINER_MEMORY', 'containerDefinitions[0].memory']]],
  ['Envoy memory over the task memory', 'ecs', (w) => task(w, { envoyMemoryMiB: 4096 }), [['AMK_ECS_CONTAINER_MEMORY', 'containerDefinitions[1].memory']]],
  ['ignoredUid -1', 'ecs', (w) => task(w, { ignoredUid: -1 }), [['AMK_ECS_IGNORED_ID', 'ignoredUid']]],
  ['ignoredUid "x" (plain JS)', 'ecs', (w) => task(w, { ignoredUid: 'x' }), [['AMK_WRONG_TYPE', 'ignoredUid']]],
  ['an ignored egress IP that is a hostname', 'ecs', (w) => task(w, { egressIgnoredIps: ['metadata'] }), [['AMK_ECS_EGRESS_IGNORED_IP', 'egressIgnoredIps[0]']]],
  ['an ignored egress CIDR /33', 'ecs', (w) => task(w, { egressIgnoredIps: ['10.0.0.0/33'] }), [['AMK_ECS_EGRESS_IGNORED_IP', 'egressIgnoredIps[0]']]],
  ['an ignored egress port 70000', 'ecs', (w) => task(w, { egressIgnoredPorts: [70000] }), [['AMK_PORT_RANGE', 'egressIgnoredPorts[0]']]],
  ['16 ignored egress ports', 'ecs', (w) => task(w, { egressIgnoredPorts: Array.from({ length: 16 }, (_, i) => 2000 + i) }),
    [['AMK_ECS_EGRESS_IGNORED_PORTS', 'proxyConfiguration.properties.EgressIgnoredPorts']]],
  ['the app port also ignored on egress', 'ecs', (w) => task(w, { egressIgnoredPorts: [8080] }),
    [['AMK_ECS_PORT_APP_AND_IGNORED', 'proxyConfiguration.properties.EgressIgnoredPorts']]],
  ['app containers [null] (plain JS)', 'ecs', (w) => task(w, { appContainers: [APP, null] }), [['AMK_WRONG_TYPE', 'appContainers[1]']]],
  ['app containers on a gateway task', 'ecs', (w) => new MeshTaskDefinition(w.stack, 'Task', { virtualGateway: w.gateway, appContainers: [APP] }),
    [['AMK_ECS_GATEWAY_APP_CONTAINERS', 'appContainers']]],
  ['a node listener on the proxy ingress port', 'ecs', (w) => new MeshTaskDefinition(w.stack, 'Task', {
    virtualNode: withListener(w, VirtualNodeListener.http({ port: 15000 })), appContainers: [{ ...APP, ports: [15000] }],
  }), [['AMK_ECS_PROXY_PORT', 'proxyConfiguration.properties']]],
  ['a node listener on the proxy egress port', 'ecs', (w) => new MeshTaskDefinition(w.stack, 'Task', {
    virtualNode: withListener(w, VirtualNodeListener.http({ port: 15001 })), appContainers: [{ ...APP, ports: [15001] }],
  }), [['AMK_ECS_PROXY_PORT', 'proxyConfiguration.properties']]],
  ['no app container exposes the listener port', 'ecs', (w) => task(w, { appContainers: [{ ...APP, ports: [9090] }] }),
    [['AMK_ECS_APP_PORT', 'containerDefinitions.portMappings']]],
  ['a listener on the admin port', 'ecs', (w) => new MeshTaskDefinition(w.stack, 'Task', {
    virtualNode: withListener(w, VirtualNodeListener.http({ port: 9901 })), appContainers: [{ ...APP, ports: [9901] }],
  }), [['AMK_ECS_ADMIN_PORT', 'containerDefinitions.portMappings']]],
  ['the app runs as the ignored user', 'ecs', (w) => task(w, { appContainers: [{ ...APP, user: '1337' }] }), [['AMK_ECS_APP_USER_IGNORED', 'containerDefinitions[0].user']]],
  ['an app container named envoy', 'ecs', (w) => task(w, { appContainers: [{ ...APP, name: 'envoy' }] }), [['AMK_ECS_CONTAINER_NAME', 'containerDefinitions[1].name']]],
  ['a Fargate gateway on port 80', 'ecs', (w) => new MeshTaskDefinition(w.stack, 'Task', {
    virtualGateway: w.mesh.addVirtualGateway('Low', { virtualGatewayName: 'low', listeners: [VirtualGatewayListener.http({ port: 80 })] }),
  }), [['AMK_ECS_FARGATE_PRIVILEGED_PORT', 'containerDefinitions.portMappings']]],
  ['task Envoy adminPort 70000', 'ecs', (w) => task(w, { envoyOptions: { adminPort: 70000 } }), [['AMK_PORT_RANGE', 'envoyOptions.adminPort']]],
  ['task standalone ingress equal to admin', 'ecs', (w) => task(w, { envoyMode: EnvoyMode.STANDALONE, standaloneOptions: { ingressPort: 9901 } }),
    [['AMK_ENVOY_PORT_CONFLICT', 'standaloneOptions.ingressPort']]],
  ['task with an unknown Region', 'ecs', (w) => task(w, { envoyOptions: { region: 'eu-mars-1' } }), [['AMK_ENVOY_REGION', 'envoyOptions.region']]],
  ['both a node and a gateway', 'construct', (w) => ({ at: `${w.stack.node.path}/Task`, run: () => new MeshTaskDefinition(w.stack, 'Task', { virtualNode: w.v1, virtualGateway: w.gateway }) }),
    [['AMK_ECS_ONE_RESOURCE', 'virtualGateway']]],
  ['no props (plain JS)', 'construct', (w) => ({ at: `${w.stack.node.path}/Task`, run: () => new (MeshTaskDefinition as any)(w.stack, 'Task') }),
    [['AMK_ECS_ONE_RESOURCE', 'virtualNode']]],

  // ----- ECS JSON -----
  ['JSON: ignoredUid -1', 'ecs-json', (w) => ({ at: w.v1, run: () => MeshTaskDefinition.registerTaskDefinitionInput(w.v1, { appContainers: [APP], ignoredUid: -1 }) }),
    [['AMK_ECS_IGNORED_ID', 'ignoredUid']]],
  ['JSON: an ignored egress IP 300.0.0.1', 'ecs-json', (w) => ({ at: w.v1, run: () => MeshTaskDefinition.registerTaskDefinitionInput(w.v1, { appContainers: [APP], egressIgnoredIps: ['300.0.0.1'] }) }),
    [['AMK_ECS_EGRESS_IGNORED_IP', 'egressIgnoredIps[0]']]],
  ['JSON: a Fargate size 512/512', 'ecs-json', (w) => ({ at: w.v1, run: () => MeshTaskDefinition.registerTaskDefinitionInput(w.v1, { appContainers: [APP], cpu: 512, memoryMiB: 512 }) }),
    [['AMK_ECS_FARGATE_SIZE', 'memoryMiB']]],
  ['JSON: statsd port 0', 'ecs-json', (w) => ({ at: w.v1, run: () => MeshTaskDefinition.registerTaskDefinitionInput(w.v1, { appContainers: [APP], envoyOptions: { statsdPort: 0 } }) }),
    [['AMK_PORT_RANGE', 'envoyOptions.statsdPort']]],
  ['JSON: an unknown Region', 'ecs-json', (w) => ({ at: w.v1, run: () => MeshTaskDefinition.registerTaskDefinitionInput(w.v1, { appContainers: [APP], envoyOptions: { region: 'xx-1' } }) }),
    [['AMK_ENVOY_REGION', 'envoyOptions.region']]],
  ['JSON: app containers on a gateway', 'ecs-json', (w) => ({ at: w.gateway, run: () => MeshTaskDefinition.registerTaskDefinitionInput(w.gateway, { appContainers: [APP] }) }),
    [['AMK_ECS_GATEWAY_APP_CONTAINERS', 'appContainers']]],
  ['JSON: a node that is a string (plain JS)', 'ecs-json', () => ({ at: '(no construct)', run: () => MeshTaskDefinition.registerTaskDefinitionInput(anyOf('catalog-v1')) }),
    [['AMK_PROXY_RESOURCE', 'resource']]],
];

function badRouteNamed(w: World, name: string) {
  return w.router.addRoute('Named', { routeName: name, routeSpec: RouteSpec.http({ priority: 9, weightedTargets: [{ virtualNode: w.v2 }] }) });
}

function outlier(overrides: Record<string, unknown>): any {
  return { maxServerErrors: 5, interval: Duration.seconds(10), baseEjectionDuration: Duration.seconds(30), maxEjectionPercent: 50, ...overrides };
}

/** The one-line findings a row gets, and the construct path they must name. */
function run(row: Row): { lines: string[]; path: string } {
  const [, output, build] = row;
  const w = world();
  const built = build(w);
  const { at, run: call }: Built = Construct.isConstruct(built) ? { at: built } : built;
  const path = typeof at === 'string' ? at : at.node.path;
  if (call) {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'the call must throw a MeshKitError').toBeInstanceOf(MeshKitError);
    return { lines: [(thrown as MeshKitError).message], path };
  }
  if (output === 'ecs') return { lines: (at as IConstruct).node.validate(), path };
  return { lines: w.mesh.validate().map(formatDiagnostic), path };
}

describe('bad-input corpus', () => {
  it(`has at least 150 rows (${ROWS.length}) over every output`, () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ROWS.map((r) => r[1]))).toEqual(new Set(['template', 'envoy-appmesh', 'envoy-standalone', 'ecs', 'ecs-json', 'construct']));
  });

  it.each(ROWS)('%s (%s)', (...row) => {
    const [, , , expected] = row as Row;
    const { lines, path } = run(row as Row);
    for (const [code, field] of expected) {
      const prefix = `${code} ${path} ${field}: `;
      const line = lines.find((l) => l.startsWith(prefix));
      expect(line, `expected a line starting "${prefix}" among:\n${lines.join('\n')}`).toBeDefined();
      // The rule and its fix: text after the field, and a non-empty fix.
      expect(line!).toMatch(/: \S.*\. Fix: \S/);
    }
  });
});

// ----- valid edge cases -----

type ValidRow = [name: string, build: (w: World) => void];

const VALID: ValidRow[] = [
  ['node name of 255 characters', (w) => badNode(w, { virtualNodeName: repeat(255) })],
  ['50 tags, key 128 and value 256 characters', (w) => badNode(w, { tags: { ...manyTags(49), [repeat(128)]: repeat(256) } })],
  ['an empty tag value', (w) => badNode(w, { tags: { team: '' } })],
  ['listener ports 1 and 65535', (w) => badNode(w, { listeners: [VirtualNodeListener.http({ port: 1 }), VirtualNodeListener.tcp({ port: 65535 })] })],
  ['thresholds 2 and 10', (w) => httpListener(w, { healthCheck: HealthCheck.http({ healthyThreshold: 2, unhealthyThreshold: 10 }) })],
  ['thresholds 10 and 2, interval 5 s, timeout 2 s', (w) => httpListener(w, {
    healthCheck: HealthCheck.http({ healthyThreshold: 10, unhealthyThreshold: 2, interval: Duration.seconds(5), timeout: Duration.seconds(2) }),
  })],
  ['interval 300 s and timeout 60 s', (w) => httpListener(w, { healthCheck: HealthCheck.http({ interval: Duration.seconds(300), timeout: Duration.seconds(60) }) })],
  ['a health check on the listener port given explicitly', (w) => httpListener(w, { healthCheck: HealthCheck.http({ port: 8080, path: '/ping' }) })],
  ['a health check path of 255 characters', (w) => httpListener(w, { healthCheck: HealthCheck.http({ path: `/${repeat(254)}` }) })],
  ['a tcp check on a grpc listener', (w) => withListener(w, VirtualNodeListener.grpc({ healthCheck: HealthCheck.tcp() }))],
  ['outlier detection at 1 error and 100 %', (w) => badNode(w, {
    serviceDiscovery: ServiceDiscovery.cloudMapByName('shop.local', 'bad'),
    listeners: [VirtualNodeListener.http({ outlierDetection: outlier({ maxServerErrors: 1, maxEjectionPercent: 100 }) })],
  })],
  ['outlier detection at 0 %', (w) => badNode(w, {
    serviceDiscovery: ServiceDiscovery.cloudMapByName('shop.local', 'bad'),
    listeners: [VirtualNodeListener.http({ outlierDetection: outlier({ maxEjectionPercent: 0 }) })],
  })],
  ['connection pools of 1', (w) => badNode(w, {
    listeners: [VirtualNodeListener.http({ port: 80, connectionPool: ConnectionPool.http({ maxConnections: 1, maxPendingRequests: 1 }) }),
      VirtualNodeListener.grpc({ port: 81, connectionPool: ConnectionPool.grpc({ maxRequests: 1 }) }),
      VirtualNodeListener.tcp({ port: 82, connectionPool: ConnectionPool.tcp({ maxConnections: 1 }) })],
  })],
  ['STRICT TLS with file paths of 255 characters', (w) => httpListener(w, {
    tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file(`/${repeat(254)}`, `/${repeat(254)}`) },
  })],
  ['PERMISSIVE TLS from SDS with mutual validation', (w) => httpListener(w, {
    tls: { mode: TlsMode.PERMISSIVE, certificate: TlsCertificate.sds('cert'), mutualTlsValidation: { trust: TlsValidationTrust.sds('ca') } },
  })],
  ['three ACM authorities in a backend trust', (w) => badNode(w, { backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm(pca(w, 3)) } } } })],
  ['client policy ports 1 and 65535', (w) => badNode(w, { backendDefaults: { tlsClientPolicy: { ports: [1, 65535], validation: { trust: fileTrust() } } } })],
  ['a text log format of 1000 characters', (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText(repeat(1000))) })],
  ['a JSON log format with a key of 100 characters', (w) => badNode(w, { accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ [repeat(100)]: '%START_TIME%' })) })],
  ['a log path of 255 characters', (w) => badNode(w, { accessLog: AccessLog.fromFilePath(`/${repeat(254)}`) })],
  ['a Cloud Map attribute of printable ASCII', (w) => badNode(w, { serviceDiscovery: ServiceDiscovery.cloudMapByName('shop.local', 'bad', { 'k!~': 'v x' }) })],
  ['priority 0', (w) => httpRoute(w, { priority: 0 })],
  ['priority 1000', (w) => httpRoute(w, { priority: 1000 })],
  ['weights 0 and 100', (w) => httpRoute(w, { weightedTargets: [{ virtualNode: w.v1, weight: 0 }, { virtualNode: w.v2, weight: 100 }] })],
  ['10 targets', (w) => httpRoute(w, { weightedTargets: Array.from({ length: 10 }, (_, i) => ({ virtualNode: i % 2 ? w.v1 : w.v2, weight: 10 })) })],
  ['10 header matches', (w) => matchRoute(w, { headers: headers(10) })],
  ['a header name of 50 characters', (w) => matchRoute(w, { headers: [HeaderMatch.valueStartsWith(repeat(50), 'v')] })],
  ['10 query parameters', (w) => matchRoute(w, { queryParameters: Array.from({ length: 10 }, (_, i) => QueryParameterMatch.valueIs(`q${i}`, 'v')) })],
  ['a regex count of 1000 and RE2-only syntax', (w) => matchRoute(w, { path: HttpRoutePathMatch.regex('(?i)/a{1000}\\Q.\\E\\pL[[:digit:]]\\z') })],
  ['a header range 0–1', (w) => matchRoute(w, { headers: [HeaderMatch.valuesIsInRange('x-n', 0, 1)] })],
  ['an exact path of 255 characters', (w) => matchRoute(w, { path: HttpRoutePathMatch.exactly(`/${repeat(254)}`) })],
  ['a canary of 0 and one of 100', (w) => { httpRoute(w, {}).canary(w.v2, 0); w.router.addRoute('Full', { routeName: 'full', routeSpec: RouteSpec.http({ priority: 6, weightedTargets: [{ virtualNode: w.v1 }] }) }).canary(w.v2, 100); }],
  ['token weights in weightedTargets', (w) => {
    const weight = (id: string) => new CfnParameter(w.stack, id, { type: 'Number' }).valueAsNumber;
    httpRoute(w, { weightedTargets: [{ virtualNode: w.v1, weight: weight('Stable') }, { virtualNode: w.v2, weight: weight('Canary') }] });
  }],
  ['recommended retries with 0 extra retries', (w) => httpRoute(w, {
    retryPolicy: RetryPolicy.custom({ maxRetries: 0, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [anyOf('server-error')] }),
  })],
  ['a gateway route priority 0 with a hostname suffix', (w) => gwHttp(w, { priority: 0, match: { hostname: GatewayRouteHostnameMatch.endsWith('.shop.com') } })],
  ['a gateway route prefix rewrite', (w) => gwHttp(w, { match: { path: HttpGatewayRoutePathMatch.startsWith('/api/', '/v2/') } })],
  ['gateway listener ports 1025 and 65535', (w) => w.mesh.addVirtualGateway('Bad', {
    virtualGatewayName: 'g', listeners: [VirtualGatewayListener.http({ port: 1025 }), VirtualGatewayListener.grpc({ port: 65535 })],
  })],
  ['a service name of 255 characters', (w) => w.mesh.addVirtualService('Long', { virtualServiceName: `${repeat(63)}.${repeat(63)}.${repeat(63)}.${repeat(63)}` })],
  ['a Fargate task at 16384 CPU and 122880 MiB, UID 0', (w) => { task(w, { cpu: 16384, memoryMiB: 122880, ignoredUid: 0 }); }],
  ['an EC2 standalone task with moved proxy ports', (w) => {
    task(w, {
      compatibility: MeshTaskCompatibility.EC2,
      envoyMode: EnvoyMode.STANDALONE,
      standaloneOptions: { ingressPort: 16000, egressPort: 16001, adminPort: 1 },
    });
  }],
];

describe('valid edge cases', () => {
  it(`has at least 40 (${VALID.length})`, () => expect(VALID.length).toBeGreaterThanOrEqual(40));

  it.each(VALID)('%s: no errors, a template, and Envoy configs that pass the proto checks', (name, build) => {
    const w = world();
    build(w);
    const errors = w.mesh.validate().filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toEqual([]);
    synthTemplate(w.stack, `corpus-valid-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}`);
    const { configs, diagnostics } = EnvoyConfig.standaloneForMesh(w.mesh);
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    for (const config of configs) expectValid(config);
    for (const proxy of [w.v1, w.gateway]) expectValid(EnvoyConfig.appMesh(proxy));
  });
});
