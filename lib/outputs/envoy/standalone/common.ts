import { LoggingModel } from '../../../model/spec';

/** Prefix of `@type` in Envoy's typed configs. */
export const ANY = 'type.googleapis.com/';

export function socketAddress(address: string, port: number) {
  return { socketAddress: { address, portValue: port } };
}

/** Listener filters Envoy needs behind an iptables redirect (original destination) and for TLS detection. */
export const ORIGINAL_DST = {
  name: 'envoy.filters.listener.original_dst',
  typedConfig: { '@type': `${ANY}envoy.extensions.filters.listener.original_dst.v3.OriginalDst` },
};
export const TLS_INSPECTOR = {
  name: 'envoy.filters.listener.tls_inspector',
  typedConfig: { '@type': `${ANY}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector` },
};

export const ROUTER_FILTER = {
  name: 'envoy.filters.http.router',
  typedConfig: { '@type': `${ANY}envoy.extensions.filters.http.router.v3.Router` },
};

/** HTTP/2 towards an upstream (http2 and grpc listeners). */
export function http2Upstream() {
  return {
    typedExtensionProtocolOptions: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': `${ANY}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
        'explicitHttpConfig': { http2ProtocolOptions: {} },
      },
    },
  };
}

/** The access log of a node or gateway (`logging.accessLog.file`), as Envoy access loggers. */
export function accessLogs(logging: LoggingModel | undefined): object[] {
  const file = logging?.accessLog?.file;
  if (!file?.path) return [];
  const format = file.format?.text !== undefined
    ? { logFormat: { textFormatSource: { inlineString: file.format.text } } }
    : file.format?.json ? { logFormat: { jsonFormat: Object.fromEntries(file.format.json.map((e) => [e.key, e.value])) } } : {};
  return [{
    name: 'envoy.access_loggers.file',
    typedConfig: { '@type': `${ANY}envoy.extensions.access_loggers.file.v3.FileAccessLog`, 'path': file.path, ...format },
  }];
}

/** A cluster with one endpoint. */
export function singleEndpoint(name: string, address: object) {
  return { clusterName: name, endpoints: [{ lbEndpoints: [{ endpoint: { address } }] }] };
}
