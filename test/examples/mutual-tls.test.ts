import { describe, expect, it } from 'vitest';
import { checkOutputs, parsed, resourcesByName } from './example-checks';
import { SPIRE_SOCKET, TRUST_DOMAIN, buildMutualTls } from '../../examples/mutual-tls/app';
import { MeshSnapshot } from '../../lib';
import { chainFor, clusterNamed, ingressListener, tlsContext } from '../outputs/envoy/helpers';
import { testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NODES = ['ledger', 'payments', 'web', 'worker'];
const MESH_FILES = [
  ...NODES.map((n) => `ecs/bank/${n}.taskdef.json`),
  ...NODES.flatMap((n) => [`envoy/bank/${n}.appmesh.yaml`, `envoy/bank/${n}.standalone.yaml`]),
  'lattice/bank.json', 'migration/bank.json', 'migration/bank.md',
  ...NODES.map((n) => `service-connect/bank/${n}.json`),
];

/** An SDS secret served by the SPIRE agent, as Envoy is told to fetch it. */
const sds = (name: string) => ({
  name,
  sdsConfig: {
    apiConfigSource: {
      apiType: 'GRPC', grpcServices: [{ envoyGrpc: { clusterName: 'static_cluster_sds_unix_socket' } }], transportApiVersion: 'V3',
    },
    resourceApiVersion: 'V3',
  },
});

describe('examples/mutual-tls', () => {
  const stack = buildMutualTls(testApp());
  const snapshot = MeshSnapshot.ofStack(stack);
  checkOutputs('mutual-tls', stack, snapshot, ['MutualTls.template.json', ...MESH_FILES]);
  const template = parsed(snapshot, 'MutualTls.template.json');
  const nodes = resourcesByName(template, 'AWS::AppMesh::VirtualNode', 'VirtualNodeName');
  const envoy = (node: string) => parsed(snapshot, `envoy/bank/${node}.standalone.yaml`);
  const task = (node: string) => parsed(snapshot, `ecs/bank/${node}.taskdef.json`);

  it('has no diagnostics', () => {
    expect(stack.mesh.validate()).toEqual([]);
  });

  describe('with certificate files', () => {
    it('ledger presents its file certificate and asks clients for one from the bank CA naming web', () => {
      expect(nodes.ledger.Spec.Listeners[0].TLS).toEqual({
        Mode: 'STRICT',
        Certificate: { File: { CertificateChain: '/certs/ledger.pem', PrivateKey: '/certs/ledger.key' } },
        Validation: {
          Trust: { File: { CertificateChain: '/certs/bank-ca.pem' } },
          SubjectAlternativeNames: { Match: { Exact: ['web.bank.local'] } },
        },
      });
      // STRICT: one filter chain, TLS only (PERMISSIVE would add a plaintext one).
      expect(ingressListener(envoy('ledger')).filterChains).toHaveLength(1);
      const context = tlsContext(chainFor(ingressListener(envoy('ledger')), 8443).transportSocket);
      expect(context.requireClientCertificate).toBe(true);
      expect(context.commonTlsContext.tlsCertificates).toEqual([
        { certificateChain: { filename: '/certs/ledger.pem' }, privateKey: { filename: '/certs/ledger.key' } },
      ]);
      expect(context.commonTlsContext.validationContext).toEqual({
        matchTypedSubjectAltNames: [{ matcher: { exact: 'web.bank.local' }, sanType: 'DNS' }],
        trustedCa: { filename: '/certs/bank-ca.pem' },
      });
    });

    it('web presents its own file certificate to ledger and checks that ledger\'s names ledger.bank.local', () => {
      expect(nodes.web.Spec.Backends[0].VirtualService.ClientPolicy.TLS).toMatchObject({
        Certificate: { File: { CertificateChain: '/certs/web.pem', PrivateKey: '/certs/web.key' } },
        Validation: {
          Trust: { File: { CertificateChain: '/certs/bank-ca.pem' } },
          SubjectAlternativeNames: { Match: { Exact: ['ledger.bank.local'] } },
        },
      });
      const cluster = envoy('web').staticResources.clusters.find((c: any) => c.name.startsWith('cds_egress_bank_ledger_'));
      const context = tlsContext(clusterNamed(envoy('web'), cluster.name).transportSocket);
      expect(context.sni).toBe('ledger.bank.local');
      expect(context.commonTlsContext.tlsCertificates).toEqual([
        { certificateChain: { filename: '/certs/web.pem' }, privateKey: { filename: '/certs/web.key' } },
      ]);
      expect(context.commonTlsContext.validationContext.trustedCa).toEqual({ filename: '/certs/bank-ca.pem' });
    });
  });

  describe('with SDS from SPIRE', () => {
    it('payments gets its SVID and the trust bundle from SPIRE and accepts only the worker\'s SPIFFE ID', () => {
      expect(nodes.payments.Spec.Listeners[0].TLS).toEqual({
        Mode: 'STRICT',
        Certificate: { SDS: { SecretName: `${TRUST_DOMAIN}/payments` } },
        Validation: {
          Trust: { SDS: { SecretName: TRUST_DOMAIN } },
          SubjectAlternativeNames: { Match: { Exact: [`${TRUST_DOMAIN}/worker`] } },
        },
      });
      const config = envoy('payments');
      expect(ingressListener(config).filterChains).toHaveLength(1);
      const context = tlsContext(chainFor(ingressListener(config), 8443).transportSocket);
      expect(context.requireClientCertificate).toBe(true);
      expect(context.commonTlsContext.tlsCertificateSdsSecretConfigs).toEqual([sds(`${TRUST_DOMAIN}/payments`)]);
      // A SPIFFE ID is a URI SAN.
      expect(context.commonTlsContext.combinedValidationContext).toEqual({
        defaultValidationContext: { matchTypedSubjectAltNames: [{ matcher: { exact: `${TRUST_DOMAIN}/worker` }, sanType: 'URI' }] },
        validationContextSdsSecretConfig: sds(TRUST_DOMAIN),
      });
      // Envoy reaches SPIRE over the agent's socket.
      expect(clusterNamed(config, 'static_cluster_sds_unix_socket').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address)
        .toEqual({ pipe: { path: SPIRE_SOCKET } });
    });

    it('the worker presents its SVID to payments and checks payments\' SPIFFE ID', () => {
      expect(nodes.worker.Spec.BackendDefaults.ClientPolicy.TLS).toMatchObject({
        Certificate: { SDS: { SecretName: `${TRUST_DOMAIN}/worker` } },
        Validation: { Trust: { SDS: { SecretName: TRUST_DOMAIN } }, SubjectAlternativeNames: { Match: { Exact: [`${TRUST_DOMAIN}/payments`] } } },
      });
      const config = envoy('worker');
      const cluster = config.staticResources.clusters.find((c: any) => c.name.startsWith('cds_egress_bank_payments_'));
      const context = tlsContext(cluster.transportSocket);
      expect(context.commonTlsContext.tlsCertificateSdsSecretConfigs).toEqual([sds(`${TRUST_DOMAIN}/worker`)]);
      expect(JSON.stringify(context.commonTlsContext)).toContain(`"exact":"${TRUST_DOMAIN}/payments"`);
    });

    it('the payments task points the App Mesh Envoy at the SPIRE socket; the worker runs plain Envoy with its configuration', () => {
      const envoyOf = (node: string) => task(node).containerDefinitions.find((c: any) => c.name === 'envoy');
      expect(envoyOf('payments').environment).toContainEqual({ name: 'APPMESH_SDS_SOCKET_PATH', value: SPIRE_SOCKET });
      expect(envoyOf('ledger').environment.map((e: any) => e.name)).not.toContain('APPMESH_SDS_SOCKET_PATH');
      expect(envoyOf('worker').image).toBe('envoyproxy/envoy:v1.40.0');
      expect(envoyOf('worker').command[0]).toBe('--config-yaml');
      expect(envoyOf('worker').command[1]).toContain(SPIRE_SOCKET);
    });
  });
});
