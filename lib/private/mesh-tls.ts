import { clientPolicyModel, listenerTlsModel } from './render-tls';
import { MeshMutualTlsOptions } from '../mesh-tls-options';
import { MeshGraph } from '../model/mesh-graph';
import { MeshLike, MeshRegistry } from '../model/registry';
import { ClientPolicyModel, ListenerTlsModel } from '../model/spec';
import { renderValue } from '../rules/format';
import { MeshKitError } from '../rules/mesh-kit-error';
import { TlsMode } from '../tls';

/**
 * Mesh-wide mutual TLS (`Mesh.requireMutualTls`): one certificate source and one trust for every
 * listener and every backend default of the mesh. A resource's own TLS settings win over it.
 */
export function setMeshMutualTls(mesh: MeshLike, options: MeshMutualTlsOptions): void {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new MeshKitError({
      code: 'AMK_REQUIRED',
      constructPath: mesh.node.path,
      field: 'requireMutualTls(options)',
      value: renderValue(options),
      message: 'mesh-wide mutual TLS needs its options: the certificate and the trust',
      fix: 'call requireMutualTls({ certificate: TlsCertificate.file(...), trust: TlsValidationTrust.file(...) })',
    });
  }
  MeshRegistry.of(mesh).mutualTls = { listenerTls: listenerTls(options), clientPolicy: clientPolicy(options) };
  MeshGraph.invalidate();
}

/** The listener TLS a listener without its own gets: mutual TLS from the mesh, if required. */
export function meshListenerTls(mesh: MeshLike): ListenerTlsModel | undefined {
  return MeshRegistry.of(mesh).mutualTls?.listenerTls;
}

/** The backend-default client policy a node or gateway without its own gets from the mesh. */
export function meshClientPolicy(mesh: MeshLike): ClientPolicyModel | undefined {
  return MeshRegistry.of(mesh).mutualTls?.clientPolicy;
}

function listenerTls(options: MeshMutualTlsOptions): ListenerTlsModel {
  return listenerTlsModel({
    mode: options.mode ?? TlsMode.STRICT,
    certificate: options.certificate,
    mutualTlsValidation: { trust: options.trust, subjectAlternativeNames: options.subjectAlternativeNames },
  }) as ListenerTlsModel;
}

function clientPolicy(options: MeshMutualTlsOptions): ClientPolicyModel {
  return clientPolicyModel({
    mutualTlsCertificate: options.certificate,
    validation: { trust: options.trust, subjectAlternativeNames: options.subjectAlternativeNames },
  }) as ClientPolicyModel;
}
