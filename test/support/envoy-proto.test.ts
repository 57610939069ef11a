import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  compileRe2,
  envoyProtoInfo,
  jsonName,
  usesRealRe2,
  validateBootstrap,
  validateEnvoyMessage,
} from './envoy-proto';

type Json = Record<string, any>;

const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';

function fixture(name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'envoy-fixtures', name), 'utf8')) as Json;
}

/** A deep copy of a fixture with `mutate` applied. */
function mutated(name: string, mutate: (c: Json) => void): Json {
  const config = fixture(name);
  mutate(config);
  return config;
}

const appMesh = (mutate: (c: Json) => void = () => undefined): Json => mutated('appmesh-bootstrap.json', mutate);
const sidecar = (mutate: (c: Json) => void = () => undefined): Json => mutated('static-sidecar.json', mutate);

// Shortcuts into static-sidecar.json.
const ingressTls = (c: Json): Json => c.staticResources.listeners[0].filterChains[0].transportSocket.typedConfig;
const egressHcm = (c: Json): Json => c.staticResources.listeners[1].filterChains[0].filters[0].typedConfig;
const egressRoutes = (c: Json): Json[] => egressHcm(c).routeConfig.virtualHosts[0].routes;
const paymentsCluster = (c: Json): Json => c.staticResources.clusters[1];

const EGRESS_HCM = '$.staticResources.listeners[1].filterChains[0].filters[0].typedConfig';
const EGRESS_ROUTE0 = `${EGRESS_HCM}.routeConfig.virtualHosts[0].routes[0]`;
const INGRESS_TLS = '$.staticResources.listeners[0].filterChains[0].transportSocket.typedConfig';

describe('loading', () => {
  test('loads the Envoy v3 protos once, without failures', () => {
    const info = envoyProtoInfo();
    expect(info.failures).toEqual([]);
    expect(info.files).toBeGreaterThan(300);
    expect(info.loadMillis).toBeGreaterThan(0);
    expect(envoyProtoInfo()).toBe(info);
    expect(info.root.lookupType('envoy.config.bootstrap.v3.Bootstrap').fields.static_resources).toBeDefined();
  });

  test('proto3 JSON names upper-case digits after underscores the protobuf way', () => {
    expect(jsonName('consecutive_5xx')).toBe('consecutive5xx');
    expect(jsonName('typed_extension_protocol_options')).toBe('typedExtensionProtocolOptions');
  });

  test('unknown type names are a programming error', () => {
    expect(() => validateEnvoyMessage('envoy.config.bootstrap.v3.Bootstrapz', {})).toThrow(/unknown message type/);
  });
});

describe('valid fixtures', () => {
  test('App-Mesh-like bootstrap (ADS over googleGrpc, AwsIamConfig, stats tags, DogStatsD) is valid', () => {
    const config = appMesh();
    expect(config.staticResources).toBeUndefined();
    expect(validateEnvoyMessage(BOOTSTRAP, config)).toEqual([]);
    expect(validateBootstrap(config)).toEqual([]);
  });

  test('static sidecar config (TLS, HCM, inline routes, TcpProxy, clusters, SDS) is valid', () => {
    expect(validateBootstrap(sidecar())).toEqual([]);
  });

  test('proto field names are accepted as well as JSON names', () => {
    const config = sidecar((c) => {
      const od = paymentsCluster(c).outlierDetection;
      delete od.consecutive5xx;
      od.consecutive_5xx = 5;
      const hcm = egressHcm(c);
      hcm.stat_prefix = hcm.statPrefix;
      delete hcm.statPrefix;
    });
    expect(validateBootstrap(config)).toEqual([]);
  });

  test('sub-messages validate on their own', () => {
    expect(validateEnvoyMessage('envoy.config.cluster.v3.Cluster', sidecar().staticResources.clusters[1])).toEqual([]);
    expect(validateEnvoyMessage('envoy.config.route.v3.RouteConfiguration', egressHcm(sidecar()).routeConfig)).toEqual([]);
  });
});

describe('proto-level problems', () => {
  test('unknown field', () => {
    const config = appMesh((c) => {
      c.admin.adress = c.admin.address;
      delete c.admin.address;
    });
    expect(validateBootstrap(config)).toEqual(['$.admin.adress: unknown field (not in envoy.config.bootstrap.v3.Admin)']);
  });

  test('unknown field behind an Any is reported with the full path', () => {
    const config = appMesh((c) => {
      c.dynamicResources.adsConfig.grpcServices[0].googleGrpc.callCredentials[0].fromPlugin.typedConfig.serviceNam = 'appmesh';
    });
    expect(validateBootstrap(config)).toEqual([
      '$.dynamicResources.adsConfig.grpcServices[0].googleGrpc.callCredentials[0].fromPlugin.typedConfig.serviceNam: ' +
        'unknown field (not in envoy.config.grpc_credential.v3.AwsIamConfig)',
    ]);
  });

  test('the same field under its proto and JSON name', () => {
    const config = sidecar((c) => {
      egressHcm(c).stat_prefix = 'egress2';
    });
    expect(validateBootstrap(config)).toEqual([`${EGRESS_HCM}.stat_prefix: field 'stat_prefix' given twice (proto name and JSON name)`]);
  });

  test('bad enum name; enum numbers are accepted', () => {
    const bad = appMesh((c) => {
      c.dynamicResources.adsConfig.apiType = 'GRPCX';
    });
    const problems = validateBootstrap(bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\$\.dynamicResources\.adsConfig\.apiType: bad enum value "GRPCX" for envoy\.config\.core\.v3\.ApiConfigSource\.ApiType/);
    expect(validateBootstrap(appMesh((c) => {
      c.dynamicResources.adsConfig.apiType = 2;
    }))).toEqual([]);
  });

  test('deprecated enum value', () => {
    const config = appMesh((c) => {
      c.dynamicResources.cdsConfig.resourceApiVersion = 'V2';
    });
    expect(validateBootstrap(config)).toEqual(['$.dynamicResources.cdsConfig.resourceApiVersion: deprecated enum value "V2"']);
  });

  test('bad Duration', () => {
    const config = appMesh((c) => {
      c.dynamicResources.cdsConfig.initialFetchTimeout = '5 seconds';
    });
    expect(validateBootstrap(config)).toEqual(['$.dynamicResources.cdsConfig.initialFetchTimeout: bad Duration string "5 seconds" (expected e.g. "1.5s")']);
    expect(validateBootstrap(appMesh((c) => {
      c.statsFlushInterval = 10;
    }))).toEqual(['$.statsFlushInterval: bad Duration number 10 (expected e.g. "1.5s")']);
  });

  test('unknown @type', () => {
    const config = appMesh((c) => {
      c.statsSinks[0].typedConfig['@type'] = 'type.googleapis.com/envoy.config.metrics.v3.DogStatsdSinkz';
    });
    expect(validateBootstrap(config)).toEqual(['$.statsSinks[0].typedConfig["@type"]: unknown type "envoy.config.metrics.v3.DogStatsdSinkz"']);
  });

  test('Any without @type', () => {
    const config = appMesh((c) => {
      delete c.statsSinks[0].typedConfig['@type'];
    });
    expect(validateBootstrap(config)).toEqual(['$.statsSinks[0].typedConfig["@type"]: missing @type in google.protobuf.Any']);
  });

  test('oneof conflict in statsTags (regex + fixedValue)', () => {
    const config = appMesh((c) => {
      c.statsConfig.statsTags[2].fixedValue = 'http';
    });
    expect(validateBootstrap(config)).toEqual(["$.statsConfig.statsTags[2].fixedValue: oneof 'tag_value' already set by 'regex'"]);
  });

  test('deprecated field: bootstrap tracing', () => {
    const config = appMesh((c) => {
      c.tracing = {
        http: {
          name: 'envoy.tracers.xray',
          typedConfig: {
            '@type': 'type.googleapis.com/envoy.config.trace.v3.XRayConfig',
            'segmentName': 'my-mesh/orders-vn',
            'daemonEndpoint': { protocol: 'UDP', address: '127.0.0.1', portValue: 2000 },
          },
        },
      };
    });
    expect(validateBootstrap(config)).toEqual(['$.tracing: deprecated field']);
  });

  test('deprecated field: WeightedCluster totalWeight', () => {
    const config = sidecar((c) => {
      egressRoutes(c)[0].route.weightedClusters.totalWeight = 100;
    });
    expect(validateBootstrap(config)).toEqual([`${EGRESS_ROUTE0}.route.weightedClusters.totalWeight: deprecated field`]);
  });

  test('wrong scalar kinds', () => {
    const config = sidecar((c) => {
      c.admin.address.socketAddress.portValue = '9901';
      egressHcm(c).normalizePath = 'true';
      egressRoutes(c)[0].route.retryPolicy.numRetries = 1.5;
      paymentsCluster(c).circuitBreakers.thresholds[0].maxConnections = '1024';
    });
    expect(validateBootstrap(config)).toEqual([
      '$.admin.address.socketAddress.portValue: expected uint32, got string "9901"',
      `${EGRESS_ROUTE0}.route.retryPolicy.numRetries: expected uint32, got number 1.5`,
      `${EGRESS_HCM}.normalizePath: expected bool, got string "true"`,
      '$.staticResources.clusters[1].circuitBreakers.thresholds[0].maxConnections: expected uint32, got string "1024"',
    ]);
  });

  test('int64 accepts decimal strings and numbers, rejects other strings', () => {
    expect(validateBootstrap(sidecar((c) => {
      egressRoutes(c)[0].route.retryPolicy.hostSelectionRetryMaxAttempts = 5;
    }))).toEqual([]);
    expect(validateBootstrap(sidecar((c) => {
      egressRoutes(c)[0].route.retryPolicy.hostSelectionRetryMaxAttempts = 'five';
    }))).toEqual([`${EGRESS_ROUTE0}.route.retryPolicy.hostSelectionRetryMaxAttempts: expected int64 (number or decimal string), got string "five"`]);
  });

  test('repeated field that is not an array; map field that is not an object', () => {
    const config = appMesh((c) => {
      c.statsSinks = c.statsSinks[0];
      c.dynamicResources.adsConfig.grpcServices[0].googleGrpc.channelArgs.args = [];
    });
    expect(validateBootstrap(config)).toEqual([
      '$.dynamicResources.adsConfig.grpcServices[0].googleGrpc.channelArgs.args: expected object (map<string, Value>), got array',
      '$.statsSinks: expected array (repeated metrics.v3.StatsSink), got object',
    ]);
  });

  test('null instead of an omitted field', () => {
    const config = appMesh((c) => {
      c.clusterManager = null;
    });
    expect(validateBootstrap(config)).toEqual(['$.clusterManager: null value (omit the field instead)']);
  });

  test('Struct and Value accept free JSON (node metadata, runtime layers)', () => {
    const config = appMesh((c) => {
      c.node.metadata.anything = { nested: [1, 'two', null, { three: false }] };
    });
    expect(validateBootstrap(config)).toEqual([]);
  });
});

describe('protoc-gen-validate rules', () => {
  test('missing required message, required oneof', () => {
    const config = sidecar((c) => {
      delete egressRoutes(c)[1].match;
      delete egressRoutes(c)[1].route;
    });
    expect(validateBootstrap(config)).toEqual([
      `${EGRESS_HCM}.routeConfig.virtualHosts[0].routes[1].match: required field missing`,
      `${EGRESS_HCM}.routeConfig.virtualHosts[0].routes[1]: oneof 'action' requires one of: route, redirect, directResponse, filterAction, nonForwardingAction`,
    ]);
  });

  test('required wrapper and Duration in a health check', () => {
    const config = sidecar((c) => {
      delete paymentsCluster(c).healthChecks[0].healthyThreshold;
      delete paymentsCluster(c).healthChecks[0].timeout;
    });
    expect(validateBootstrap(config)).toEqual([
      '$.staticResources.clusters[1].healthChecks[0].timeout: required field missing',
      '$.staticResources.clusters[1].healthChecks[0].healthyThreshold: required field missing',
    ]);
  });

  test('string.min_len on a missing cluster name (proto3 default "")', () => {
    const config = sidecar((c) => {
      delete c.staticResources.clusters[3].name;
    });
    expect(validateBootstrap(config)).toEqual([
      '$.staticResources.clusters[3].name: missing or default value; violates (validate.rules).string.min_len = 1 (got 0)',
      // ...and the TcpProxy that used the cluster now points nowhere.
      '$.staticResources.listeners[1].filterChains[1].filters[0].typedConfig.cluster: unknown cluster "cds_egress_my-mesh_db_tcp_5432" (not in staticResources.clusters)',
    ]);
  });

  test('uint32 range through a wrapper, Duration gt', () => {
    const config = sidecar((c) => {
      paymentsCluster(c).outlierDetection.maxEjectionPercent = 150;
      paymentsCluster(c).connectTimeout = '0s';
    });
    expect(validateBootstrap(config)).toEqual([
      '$.staticResources.clusters[1].connectTimeout: violates (validate.rules).duration.gt (0s is not gt 0)',
      '$.staticResources.clusters[1].outlierDetection.maxEjectionPercent: violates (validate.rules).uint32.lte (150 is not lte 100)',
    ]);
  });

  test('HTTP header name well-known regex', () => {
    const config = sidecar((c) => {
      egressRoutes(c)[0].match.headers[0].name = 'x-bad\nname';
    });
    expect(validateBootstrap(config)).toEqual([
      `${EGRESS_ROUTE0}.match.headers[0].name: violates (validate.rules).string.well_known_regex = HTTP_HEADER_NAME (non-strict) (got "x-bad\\nname")`,
    ]);
  });
});

describe('bootstrap cross references', () => {
  test('route to a missing cluster (cluster, weightedClusters, TcpProxy)', () => {
    const config = sidecar((c) => {
      egressRoutes(c)[1].route.cluster = 'cds_egress_my-mesh_nope';
      egressRoutes(c)[0].route.weightedClusters.clusters[1].name = 'cds_egress_my-mesh_payments-v3_http_8080';
      c.staticResources.listeners[1].filterChains[1].filters[0].typedConfig.cluster = 'cds_egress_my-mesh_db_tcp_5433';
    });
    expect(validateBootstrap(config)).toEqual([
      `${EGRESS_ROUTE0}.route.weightedClusters.clusters[1].name: unknown cluster "cds_egress_my-mesh_payments-v3_http_8080" (not in staticResources.clusters)`,
      `${EGRESS_HCM}.routeConfig.virtualHosts[0].routes[1].route.cluster: unknown cluster "cds_egress_my-mesh_nope" (not in staticResources.clusters)`,
      '$.staticResources.listeners[1].filterChains[1].filters[0].typedConfig.cluster: unknown cluster "cds_egress_my-mesh_db_tcp_5433" (not in staticResources.clusters)',
    ]);
  });

  test('undeclared SDS secret', () => {
    const config = sidecar((c) => {
      ingressTls(c).commonTlsContext.validationContextSdsSecretConfig.name = 'other-bundle';
    });
    expect(validateBootstrap(config)).toEqual([
      `${INGRESS_TLS}.commonTlsContext.validationContextSdsSecretConfig.name: undeclared SDS secret "other-bundle" (not in staticResources.secrets and no sdsConfig)`,
    ]);
  });

  test('SDS secret served through an sdsConfig whose cluster is missing', () => {
    const config = sidecar((c) => {
      c.staticResources.clusters.pop();
    });
    expect(validateBootstrap(config)).toEqual([
      `${INGRESS_TLS}.commonTlsContext.tlsCertificateSdsSecretConfigs[0].sdsConfig.apiConfigSource.grpcServices[0].envoyGrpc.clusterName: ` +
        'unknown cluster "static_cluster_sds_unix_socket" (not in staticResources.clusters)',
    ]);
  });

  test('invalid RE2 regexes (lookahead, unbalanced paren) are rejected with real RE2', () => {
    expect(usesRealRe2()).toBe(true);
    expect(compileRe2('(?=x)')).toMatch(/invalid perl operator/);
    expect(compileRe2('\\d+(?<version>v[0-9]+)')).toBeUndefined();
    const config = sidecar((c) => {
      egressRoutes(c)[0].match.safeRegex.regex = '^/api/(?=v1)';
      egressRoutes(c)[0].match.headers[1].stringMatch.safeRegex.regex = '(a';
    });
    expect(validateBootstrap(config)).toEqual([
      `${EGRESS_ROUTE0}.match.safeRegex.regex: invalid RE2 regex "^/api/(?=v1)": invalid perl operator: (?=`,
      `${EGRESS_ROUTE0}.match.headers[1].stringMatch.safeRegex.regex: invalid RE2 regex "(a": missing ): (a`,
    ]);
  });

  test('duplicate cluster, listener and secret names', () => {
    const config = sidecar((c) => {
      c.staticResources.clusters.push({ ...c.staticResources.clusters[4] });
      c.staticResources.listeners[1].name = c.staticResources.listeners[0].name;
      c.staticResources.listeners[1].address.socketAddress.portValue = 15002;
      c.staticResources.secrets.push(c.staticResources.secrets[0]);
    });
    expect(validateBootstrap(config)).toEqual([
      '$.staticResources.listeners[1].name: duplicate listener name "lds_ingress_0.0.0.0_15000" (first at $.staticResources.listeners[0])',
      '$.staticResources.clusters[6].name: duplicate cluster name "cds_egress_my-mesh_allow_all" (first at $.staticResources.clusters[4])',
      '$.staticResources.secrets[1].name: duplicate secret name "mesh-trust-bundle" (first at $.staticResources.secrets[0])',
    ]);
  });

  test('duplicate virtual host domains within a route configuration', () => {
    const config = sidecar((c) => {
      const vhosts = egressHcm(c).routeConfig.virtualHosts;
      vhosts.push({ name: 'other', domains: ['PAYMENTS.my-mesh.local'], routes: [] });
    });
    expect(validateBootstrap(config)).toEqual([
      `${EGRESS_HCM}.routeConfig.virtualHosts[1].domains[0]: duplicate domain "PAYMENTS.my-mesh.local" (first at ${EGRESS_HCM}.routeConfig.virtualHosts[0].domains[0])`,
    ]);
  });

  test('with CDS, route clusters may be dynamic but the ADS cluster must be static', () => {
    const config = sidecar((c) => {
      c.dynamicResources = {
        adsConfig: { apiType: 'GRPC', transportApiVersion: 'V3', grpcServices: [{ envoyGrpc: { clusterName: 'xds_cluster' } }] },
        cdsConfig: { ads: {}, resourceApiVersion: 'V3' },
      };
      egressRoutes(c)[1].route.cluster = 'served_by_cds';
    });
    expect(validateBootstrap(config)).toEqual([
      '$.dynamicResources.adsConfig.grpcServices[0].envoyGrpc.clusterName: unknown cluster "xds_cluster" ' +
        '(not in staticResources.clusters; clusters used by config sources must be static)',
    ]);
  });

  test('an ADS config source needs dynamicResources.adsConfig', () => {
    const config = appMesh((c) => {
      delete c.dynamicResources.adsConfig;
    });
    expect(validateBootstrap(config)).toEqual([
      '$.dynamicResources.cdsConfig.ads: ADS config source but dynamicResources.adsConfig is not set',
      '$.dynamicResources.ldsConfig.ads: ADS config source but dynamicResources.adsConfig is not set',
    ]);
  });
});

describe('allowDeprecated', () => {
  test('accepts exactly the listed deprecated paths, and still reports everything else', () => {
    const check = validateBootstrap;
    const config = {
      node: { id: 'n', cluster: 'c' },
      tracing: { http: { name: 'envoy.tracers.xray', typedConfig: { '@type': 'type.googleapis.com/envoy.config.trace.v3.XRayConfig', 'segmentName': 's' } } },
      admin: { adress: {} },
    };
    expect(check(config)).toContain('$.tracing: deprecated field');
    const allowed = check(config, { allowDeprecated: ['$.tracing'] });
    expect(allowed).not.toContain('$.tracing: deprecated field');
    expect(allowed.some((p) => p.startsWith('$.admin.adress'))).toBe(true);
  });
});
