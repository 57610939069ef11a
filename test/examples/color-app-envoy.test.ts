import { describe, expect, it } from 'vitest';
import { COLORS, ColorAppStack, buildColorApp } from '../../examples/color-app/app';
import { EnvoyConfig, EnvoyTracing, VirtualGateway, VirtualNode } from '../../lib';
import { clusterNamed, egressHost, expectValid, gatewayHost, tlsContext } from '../outputs/envoy/helpers';
import { testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NAMESPACE = 'default.svc.cluster.local';
const MESH_CERT = { certificateChain: { filename: '/keys/colorapp_cert_chain.pem' }, privateKey: { filename: '/keys/colorapp_key.pem' } };

function colorApp(): ColorAppStack {
  return buildColorApp(testApp());
}

function resources(app: ColorAppStack): [string, VirtualNode | VirtualGateway][] {
  return [...app.tellers, app.gateway, app.ingress].map((r) => [r.node.id, r]);
}

describe('examples/color-app: Envoy configurations', () => {
  const app = colorApp();

  it('has a node per color, the colorgateway node and the ingress gateway', () => {
    expect(resources(app).map(([id]) => id)).toEqual([...COLORS.map((c) => `Colorteller-${c}`), 'Colorgateway', 'Ingress']);
  });

  it.each(resources(app))('%s: the App Mesh bootstrap is valid', (_id, resource) => {
    const config = expectValid(EnvoyConfig.appMesh(resource));
    expect(config.tracing).toBeUndefined();
  });

  it.each(resources(app))('%s: the App Mesh bootstrap with X-Ray tracing is valid', (_id, resource) => {
    const config = expectValid(EnvoyConfig.appMesh(resource, { tracing: EnvoyTracing.xray() }));
    expect(config.tracing.http.name).toBe('envoy.tracers.xray');
  });

  it.each(resources(app))('%s: the standalone configuration is valid', (_id, resource) => {
    expectValid(EnvoyConfig.standalone(resource));
  });
});

describe('examples/color-app: the colorgateway node standalone', () => {
  const app = colorApp();
  const config = expectValid(EnvoyConfig.standalone(app.gateway));
  const [route] = egressHost(config, `colorteller.${NAMESPACE}`, 9080).routes;

  it('sends colorteller traffic 90 % to white and 10 % to red', () => {
    expect(route.route.weightedClusters).toEqual({
      clusters: [
        { name: 'cds_egress_color-mesh_colorteller-white-vn_http_9080_tls_colorteller.default.svc.cluster.local', weight: 90 },
        { name: 'cds_egress_color-mesh_colorteller-red-vn_http_9080_tls_colorteller.default.svc.cluster.local', weight: 10 },
      ],
    });
  });

  it('retries with the recommended policy and times out after 12 s', () => {
    expect(route.route.retryPolicy).toMatchObject({ retryOn: 'gateway-error,connect-failure', numRetries: 2, perTryTimeout: '5s' });
    expect(route.route.timeout).toBe('12s');
  });

  it('calls the colortellers over mutual TLS with the mesh certificate', () => {
    for (const color of ['white', 'red']) {
      const context = tlsContext(clusterNamed(config, `cds_egress_color-mesh_colorteller-${color}-vn_http_9080_tls_colorteller.default.svc.cluster.local`).transportSocket);
      expect(context.sni).toBe(`colorteller.${NAMESPACE}`);
      expect(context.commonTlsContext).toEqual({ tlsCertificates: [MESH_CERT], validationContext: { trustedCa: { filename: '/keys/ca_cert.pem' } } });
    }
  });
});

describe('examples/color-app: the ingress gateway standalone', () => {
  const app = colorApp();
  const config = expectValid(EnvoyConfig.standalone(app.ingress));
  const [route] = gatewayHost(config, 9443).routes;

  it('rewrites /color/ to / towards the colorgateway service', () => {
    expect(route.match).toEqual({ prefix: '/color/' });
    expect(route.route.prefixRewrite).toBe('/');
    expect(route.route.hostRewriteLiteral).toBe(`colorgateway.${NAMESPACE}`);
  });

  it('targets the colorgateway node\'s cluster over mutual TLS with the certificate from /keys', () => {
    expect(route.route.cluster).toBe('cds_egress_color-mesh_colorgateway-vn_http_9080_tls_colorgateway.default.svc.cluster.local');
    const cluster = clusterNamed(config, route.route.cluster);
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toEqual({ socketAddress: { address: `colorgateway.${NAMESPACE}`, portValue: 9080 } });
    const context = tlsContext(cluster.transportSocket);
    expect(context.sni).toBe(`colorgateway.${NAMESPACE}`);
    expect(context.commonTlsContext.tlsCertificates).toEqual([MESH_CERT]);
    expect(context.commonTlsContext.validationContext).toEqual({ trustedCa: { filename: '/keys/ca_cert.pem' } });
  });

  it('terminates TLS with the ingress certificate, without asking clients for one', () => {
    const chains = config.staticResources.listeners[0].filterChains;
    expect(chains).toHaveLength(1);
    const context = tlsContext(chains[0].transportSocket);
    expect(context.commonTlsContext.tlsCertificates).toEqual([
      { certificateChain: { filename: '/keys/ingress_cert_chain.pem' }, privateKey: { filename: '/keys/ingress_key.pem' } },
    ]);
    expect(context.requireClientCertificate).toBeUndefined();
  });
});
