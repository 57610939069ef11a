import { call, obj, quoted, str } from './code';
import { Fields } from './fields';
import { CliError } from '../cli-error';

/** What the spec converters need from the app being written: imports, and the variables of other resources. */
export interface CodeContext {
  /** Marks a name of appmesh-kit as used; returns it. */
  use(symbol: string): string;
  /** Marks a name of aws-cdk-lib (or a submodule, `acm.Certificate`) as used; returns it. */
  cdk(symbol: string): string;
  /** The variable of a resource of the mesh by kind and name; an error when the mesh has none. */
  ref(kind: 'virtualNode' | 'virtualService' | 'virtualRouter', name: string, where: string): string;
  /** A unique construct id for an imported certificate or authority. */
  importId(base: string): string;
}

const num = (n: number | undefined) => (n === undefined ? undefined : String(n));

/** An App Mesh Duration ({ Unit, Value }) as a CDK Duration. */
export function duration(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const unit = f.string('Unit');
  const value = f.number('Value');
  if (value === undefined) throw new CliError(`${f.field('Value')}: a duration needs a value`);
  const method = unit === 'ms' ? 'millis' : unit === 's' ? 'seconds' : undefined;
  if (!method) throw new CliError(`${f.field('Unit')}: '${unit}' is not a duration unit App Mesh knows (ms or s)`);
  return `${ctx.cdk('Duration')}.${method}(${value})`;
}

function enumMember(f: Fields, key: string, enumName: string, members: Record<string, string>, ctx: CodeContext): string | undefined {
  const value = f.string(key);
  if (value === undefined) return undefined;
  const member = Object.entries(members).find(([, v]) => v === value)?.[0];
  if (!member) throw new CliError(`${f.field(key)}: '${value}' is not one of ${Object.values(members).join(', ')}`);
  return `${ctx.use(enumName)}.${member}`;
}

const IP_PREFERENCE = { IPV4_ONLY: 'IPv4_ONLY', IPV4_PREFERRED: 'IPv4_PREFERRED', IPV6_ONLY: 'IPv6_ONLY', IPV6_PREFERRED: 'IPv6_PREFERRED' };

export function ipPreference(f: Fields, ctx: CodeContext): string | undefined {
  return enumMember(f, 'IpPreference', 'IpPreference', IP_PREFERENCE, ctx);
}

export function egressFilter(f: Fields, ctx: CodeContext): string | undefined {
  return enumMember(f, 'Type', 'EgressFilter', { ALLOW_ALL: 'ALLOW_ALL', DROP_ALL: 'DROP_ALL' }, ctx);
}

/** CloudFormation tags ([{ Key, Value }]) as an object literal. */
export function tags(list: Fields[]): string | undefined {
  return obj(list.map((t) => [t.string('Key') ?? '', str(t.string('Value') ?? '')]));
}

/** Key/value lists (JSON log formats, Cloud Map attributes) as an object literal. */
function keyValues(list: Fields[]): string | undefined {
  return obj(list.map((t) => [t.string('Key') ?? '', str(t.string('Value') ?? '')]));
}

export function serviceDiscovery(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const kind = f.oneOf(['DNS', 'AWSCloudMap']);
  if (kind === 'DNS') {
    const dns = f.object('DNS')!;
    const responseType = enumMember(dns, 'ResponseType', 'DnsResponseType', { LOAD_BALANCER: 'LOADBALANCER', ENDPOINTS: 'ENDPOINTS' }, ctx);
    return call(`${ctx.use('ServiceDiscovery')}.dns`, str(dns.string('Hostname') ?? ''), responseType, ipPreference(dns, ctx));
  }
  if (kind === 'AWSCloudMap') {
    const map = f.object('AWSCloudMap')!;
    return call(`${ctx.use('ServiceDiscovery')}.cloudMapByName`, str(map.string('NamespaceName') ?? ''), str(map.string('ServiceName') ?? ''),
      keyValues(map.list('Attributes')), ipPreference(map, ctx));
  }
  return undefined;
}

function tlsCertificate(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const kind = f.oneOf(['File', 'SDS', 'ACM']);
  if (kind === 'File') {
    const file = f.object('File')!;
    return call(`${ctx.use('TlsCertificate')}.file`, str(file.string('CertificateChain') ?? ''), str(file.string('PrivateKey') ?? ''));
  }
  if (kind === 'SDS') return call(`${ctx.use('TlsCertificate')}.sds`, str(f.object('SDS')!.string('SecretName') ?? ''));
  if (kind === 'ACM') {
    const arn = f.object('ACM')!.string('CertificateArn') ?? '';
    return call(`${ctx.use('TlsCertificate')}.acm`, `${ctx.cdk('acm.Certificate')}.fromCertificateArn(stack, ${str(ctx.importId('Certificate'))}, ${str(arn)})`);
  }
  return undefined;
}

function trust(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const kind = f.oneOf(['File', 'SDS', 'ACM']);
  if (kind === 'File') return call(`${ctx.use('TlsValidationTrust')}.file`, str(f.object('File')!.string('CertificateChain') ?? ''));
  if (kind === 'SDS') return call(`${ctx.use('TlsValidationTrust')}.sds`, str(f.object('SDS')!.string('SecretName') ?? ''));
  if (kind === 'ACM') {
    const arns = f.object('ACM')!.strings('CertificateAuthorityArns') ?? [];
    const authorities = arns.map((arn) => `${ctx.cdk('acmpca.CertificateAuthority')}.fromCertificateAuthorityArn(stack, `
      + `${str(ctx.importId('CertificateAuthority'))}, ${str(arn)})`);
    return call(`${ctx.use('TlsValidationTrust')}.acm`, `[${authorities.join(', ')}]`);
  }
  return undefined;
}

function subjectAlternativeNames(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const exact = f.object('Match')?.strings('Exact') ?? [];
  return call(`${ctx.use('SubjectAlternativeNames')}.matchingExactly`, ...exact.map(str));
}

function validation(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  return obj([['trust', trust(f.object('Trust'), ctx)], ['subjectAlternativeNames', subjectAlternativeNames(f.object('SubjectAlternativeNames'), ctx)]]);
}

function listenerTls(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  return obj([
    ['mode', enumMember(f, 'Mode', 'TlsMode', { STRICT: 'STRICT', PERMISSIVE: 'PERMISSIVE', DISABLED: 'DISABLED' }, ctx)],
    ['certificate', tlsCertificate(f.object('Certificate'), ctx)],
    ['mutualTlsValidation', validation(f.object('Validation'), ctx)],
  ]);
}

/** A backend's or the backend defaults' client policy. */
export function clientPolicy(f: Fields | undefined, ctx: CodeContext): string | undefined {
  const tls = f?.object('TLS');
  if (!tls) return undefined;
  const ports = tls.take('Ports');
  return obj([
    ['enforce', tls.boolean('Enforce')?.toString()],
    ['ports', Array.isArray(ports) ? `[${ports.join(', ')}]` : undefined],
    ['validation', validation(tls.object('Validation'), ctx)],
    ['mutualTlsCertificate', tlsCertificate(tls.object('Certificate'), ctx)],
  ]);
}

const PROTOCOLS: Record<string, string> = { http: 'http', http2: 'http2', grpc: 'grpc', tcp: 'tcp' };

function healthCheck(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const protocol = f.string('Protocol') ?? '';
  if (!PROTOCOLS[protocol]) throw new CliError(`${f.field('Protocol')}: '${protocol}' is not http, http2, grpc or tcp`);
  const millis = (key: string) => {
    const n = f.number(key);
    return n === undefined ? undefined : `${ctx.cdk('Duration')}.millis(${n})`;
  };
  return call(`${ctx.use('HealthCheck')}.${protocol}`, obj([
    ['path', protocol === 'http' || protocol === 'http2' ? quoted(f, 'Path') : undefined],
    ['port', num(f.number('Port'))],
    ['healthyThreshold', num(f.number('HealthyThreshold'))],
    ['unhealthyThreshold', num(f.number('UnhealthyThreshold'))],
    ['interval', millis('IntervalMillis')],
    ['timeout', millis('TimeoutMillis')],
  ]));
}

function outlierDetection(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  return obj([
    ['maxServerErrors', num(f.number('MaxServerErrors'))],
    ['interval', duration(f.object('Interval'), ctx)],
    ['baseEjectionDuration', duration(f.object('BaseEjectionDuration'), ctx)],
    ['maxEjectionPercent', num(f.number('MaxEjectionPercent'))],
  ]);
}

/** The one protocol key of a timeout or connection pool (`HTTP`, `HTTP2`, `GRPC`, `TCP`) must be the listener's. */
function protocolPart(f: Fields | undefined, protocol: string): Fields | undefined {
  if (!f) return undefined;
  const key = f.oneOf(['HTTP', 'HTTP2', 'GRPC', 'TCP']);
  if (key === undefined) return undefined;
  if (key.toLowerCase() !== protocol) throw new CliError(`${f.field(key)}: the listener's protocol is ${protocol}`);
  return f.object(key);
}

function listenerTimeout(f: Fields | undefined, protocol: string, ctx: CodeContext): string | undefined {
  const part = protocolPart(f, protocol);
  if (!part) return undefined;
  return obj([['perRequest', protocol === 'tcp' ? undefined : duration(part.object('PerRequest'), ctx)], ['idle', duration(part.object('Idle'), ctx)]]);
}

function connectionPool(f: Fields | undefined, protocol: string, ctx: CodeContext): string | undefined {
  const part = protocolPart(f, protocol);
  if (!part) return undefined;
  const options = protocol === 'http'
    ? obj([['maxConnections', num(part.number('MaxConnections'))], ['maxPendingRequests', num(part.number('MaxPendingRequests'))]])
    : protocol === 'tcp' ? obj([['maxConnections', num(part.number('MaxConnections'))]])
      : obj([['maxRequests', num(part.number('MaxRequests'))]]);
  return call(`${ctx.use('ConnectionPool')}.${protocol}`, options ?? '{}');
}

/** A virtual node's or virtual gateway's listener. */
export function listener(f: Fields, kind: 'VirtualNodeListener' | 'VirtualGatewayListener', ctx: CodeContext): string {
  const mapping = f.object('PortMapping');
  const protocol = mapping?.string('Protocol') ?? '';
  if (!PROTOCOLS[protocol] || (kind === 'VirtualGatewayListener' && protocol === 'tcp')) {
    throw new CliError(`${f.field('PortMapping.Protocol')}: '${protocol}' is not a ${kind === 'VirtualNodeListener' ? 'virtual node' : 'virtual gateway'} listener protocol`);
  }
  const options = obj([
    ['port', num(mapping?.number('Port'))],
    ['healthCheck', healthCheck(f.object('HealthCheck'), ctx)],
    ['tls', listenerTls(f.object('TLS'), ctx)],
    ...(kind === 'VirtualNodeListener' ? [
      ['outlierDetection', outlierDetection(f.object('OutlierDetection'), ctx)],
      ['timeout', listenerTimeout(f.object('Timeout'), protocol, ctx)],
    ] as Array<[string, string | undefined]> : []),
    ['connectionPool', connectionPool(f.object('ConnectionPool'), protocol, ctx)],
  ]);
  return call(`${ctx.use(kind)}.${protocol}`, options);
}

export function accessLog(f: Fields | undefined, ctx: CodeContext): string | undefined {
  const file = f?.object('AccessLog')?.object('File');
  if (!file) return undefined;
  const format = file.object('Format');
  let formatCode: string | undefined;
  const kind = format?.oneOf(['Text', 'Json']);
  if (kind === 'Text') formatCode = call(`${ctx.use('LoggingFormat')}.fromText`, str(format!.string('Text')!));
  if (kind === 'Json') formatCode = call(`${ctx.use('LoggingFormat')}.fromJson`, keyValues(format!.list('Json')) ?? '{}');
  return call(`${ctx.use('AccessLog')}.fromFilePath`, str(file.string('Path') ?? ''), formatCode);
}

export function routerListener(f: Fields, ctx: CodeContext): string {
  const mapping = f.object('PortMapping');
  const protocol = mapping?.string('Protocol') ?? '';
  if (!PROTOCOLS[protocol]) throw new CliError(`${f.field('PortMapping.Protocol')}: '${protocol}' is not http, http2, grpc or tcp`);
  return call(`${ctx.use('VirtualRouterListener')}.${protocol}`, num(mapping?.number('Port')));
}
