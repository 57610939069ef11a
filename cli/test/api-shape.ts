/**
 * CloudFormation's App Mesh shape (PascalCase, TLS, DNS, …) in the API's (camelCase), durations in
 * milliseconds, and without empty objects (moto answers `serviceDiscovery: {}` for a mesh that sets none).
 */
const API_KEYS: Record<string, string> = {
  TLS: 'tls', DNS: 'dns', AWSCloudMap: 'awsCloudMap', SDS: 'sds', ACM: 'acm', GRPC: 'grpc', HTTP: 'http', HTTP2: 'http2', TCP: 'tcp',
};

export function cfnToApi(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cfnToApi);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  const unit = o.Unit ?? o.unit;
  if (keys.length === 2 && unit !== undefined && (o.Value ?? o.value) !== undefined) {
    return { milliseconds: Number(o.Value ?? o.value) * (unit === 's' ? 1000 : 1) };
  }
  const empty = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
  return Object.fromEntries(keys.sort().filter((k) => !empty(o[k])).map((k) => [API_KEYS[k] ?? k[0].toLowerCase() + k.slice(1), cfnToApi(o[k])]));
}
