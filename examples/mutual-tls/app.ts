import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  Backend, EnvoyMode, HealthCheck, Mesh, MeshTaskDefinition, ServiceDiscovery, SubjectAlternativeNames, TlsCertificate, TlsMode,
  TlsValidationTrust, VirtualNode, VirtualNodeListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

/** The namespace the bank's services resolve in. */
const NAMESPACE = 'bank.local';
/** The SPIFFE trust domain SPIRE issues identities in. */
export const TRUST_DOMAIN = 'spiffe://bank.example.org';
/** Where the SPIRE agent's Workload API socket is mounted in the Envoy container. */
export const SPIRE_SOCKET = '/run/spire/sockets/agent.sock';

/**
 * Mutual TLS two ways in one mesh:
 * - with certificate files: the `ledger` node presents `/certs/ledger.pem`, asks every client
 *   for a certificate from the bank's CA that names `web.bank.local`; the `web` node presents
 *   its own file certificate and checks that the ledger's names `ledger.bank.local`;
 * - with SDS from SPIRE: the `payments` node and its `worker` client get their certificates
 *   (SVIDs) and the trust bundle from the SPIRE agent over its Unix socket; each checks the
 *   other's SPIFFE ID. Nothing is on disk.
 * The ECS tasks run web and ledger with the App Mesh Envoy image, payments with the App Mesh
 * image pointed at the SPIRE socket, and the worker on plain Envoy (standalone).
 */
export class MutualTlsStack extends Stack {
  public readonly mesh: Mesh;
  public readonly ledger: VirtualNode;
  public readonly web: VirtualNode;
  public readonly payments: VirtualNode;
  public readonly worker: VirtualNode;
  public readonly ledgerService: VirtualService;
  public readonly paymentsService: VirtualService;
  public readonly tasks: MeshTaskDefinition[];

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.mesh = new Mesh(this, 'Mesh', { meshName: 'bank' });

    // Certificates from files (mounted into the Envoy container, for example from a secret).
    const caFile = TlsValidationTrust.file('/certs/bank-ca.pem');
    this.ledger = this.mesh.addVirtualNode('Ledger', {
      virtualNodeName: 'ledger',
      serviceDiscovery: ServiceDiscovery.dns(`ledger.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({
        port: 8443,
        healthCheck: HealthCheck.http({ path: '/health' }),
        tls: {
          mode: TlsMode.STRICT,
          certificate: TlsCertificate.file('/certs/ledger.pem', '/certs/ledger.key'),
          mutualTlsValidation: { trust: caFile, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly(`web.${NAMESPACE}`) },
        },
      })],
    });
    this.ledgerService = this.mesh.addVirtualService('LedgerService', {
      virtualServiceName: `ledger.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualNode(this.ledger),
    });
    this.web = this.mesh.addVirtualNode('Web', {
      virtualNodeName: 'web',
      serviceDiscovery: ServiceDiscovery.dns(`web.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({ port: 8080 })],
      backends: [Backend.virtualService(this.ledgerService, {
        tlsClientPolicy: {
          validation: { trust: caFile, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly(`ledger.${NAMESPACE}`) },
          mutualTlsCertificate: TlsCertificate.file('/certs/web.pem', '/certs/web.key'),
        },
      })],
    });

    // Certificates from SPIRE over SDS: secret names are SPIFFE IDs, the trust is the domain's bundle.
    const spiffeId = (name: string) => `${TRUST_DOMAIN}/${name}`;
    const bundle = TlsValidationTrust.sds(TRUST_DOMAIN);
    this.payments = this.mesh.addVirtualNode('Payments', {
      virtualNodeName: 'payments',
      serviceDiscovery: ServiceDiscovery.dns(`payments.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({
        port: 8443,
        healthCheck: HealthCheck.http({ path: '/health' }),
        tls: {
          mode: TlsMode.STRICT,
          certificate: TlsCertificate.sds(spiffeId('payments')),
          mutualTlsValidation: { trust: bundle, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly(spiffeId('worker')) },
        },
      })],
    });
    this.paymentsService = this.mesh.addVirtualService('PaymentsService', {
      virtualServiceName: `payments.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualNode(this.payments),
    });
    this.worker = this.mesh.addVirtualNode('Worker', {
      virtualNodeName: 'worker',
      serviceDiscovery: ServiceDiscovery.dns(`worker.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({ port: 8080 })],
      backendDefaults: {
        tlsClientPolicy: {
          validation: { trust: bundle, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly(spiffeId('payments')) },
          mutualTlsCertificate: TlsCertificate.sds(spiffeId('worker')),
        },
      },
      backends: [Backend.virtualService(this.paymentsService)],
    });

    const app = (name: string, port: number) => [{ name, image: `public.ecr.aws/example/${name}:1.0`, ports: [port] }];
    this.tasks = [
      new MeshTaskDefinition(this, 'LedgerTask', { virtualNode: this.ledger, appContainers: app('ledger', 8443) }),
      new MeshTaskDefinition(this, 'WebTask', { virtualNode: this.web, appContainers: app('web', 8080) }),
      new MeshTaskDefinition(this, 'PaymentsTask', {
        virtualNode: this.payments,
        appContainers: app('payments', 8443),
        envoyOptions: { sdsSocketPath: SPIRE_SOCKET },
      }),
      new MeshTaskDefinition(this, 'WorkerTask', {
        virtualNode: this.worker,
        appContainers: app('worker', 8080),
        envoyMode: EnvoyMode.STANDALONE,
        standaloneOptions: { sdsSocketPath: SPIRE_SOCKET },
      }),
    ];
  }
}

/** Builds the example into an app. */
export function buildMutualTls(app: App): MutualTlsStack {
  return new MutualTlsStack(app, 'MutualTls', { env: { account: '111122223333', region: 'us-east-1' } });
}
