import { ClientPolicyModel, ListenerTlsModel, TlsCertificateModel, TlsTrustModel } from '../../../model/spec';
import { SDS_CLUSTER } from '../bootstrap';
import { ANY } from './common';

/** Raised when a TLS source exists only inside App Mesh (ACM): names what and why. */
export class StandaloneTlsError extends Error {}

function sdsConfig(name: string) {
  return {
    name,
    sdsConfig: {
      resourceApiVersion: 'V3',
      apiConfigSource: { apiType: 'GRPC', transportApiVersion: 'V3', grpcServices: [{ envoyGrpc: { clusterName: SDS_CLUSTER } }] },
    },
  };
}

function certificate(cert: TlsCertificateModel | undefined): object {
  if (!cert) return {};
  if (cert.file) {
    return { tlsCertificates: [{ certificateChain: { filename: cert.file.certificateChain }, privateKey: { filename: cert.file.privateKey } }] };
  }
  if (cert.sds) return { tlsCertificateSdsSecretConfigs: [sdsConfig(cert.sds.secretName)] };
  throw new StandaloneTlsError('an ACM certificate is handed to Envoy by App Mesh only; use TlsCertificate.file(...) or .sds(...) to run without App Mesh');
}

/** SANs: `spiffe://` and other URIs match URI names, the rest DNS names. */
function subjectAltNames(names: string[] | undefined) {
  if (!names?.length) return {};
  return {
    matchTypedSubjectAltNames: names.map((name) => ({
      sanType: /^[a-z][a-z0-9+.-]*:\/\//i.test(name) ? 'URI' : 'DNS',
      matcher: { exact: name },
    })),
  };
}

function validation(trust: TlsTrustModel | undefined, sans: string[] | undefined): object {
  if (!trust) return {};
  if (trust.file) return { validationContext: { trustedCa: { filename: trust.file.certificateChain }, ...subjectAltNames(sans) } };
  if (trust.sds) {
    return sans?.length
      ? {
        combinedValidationContext: {
          defaultValidationContext: subjectAltNames(sans),
          validationContextSdsSecretConfig: sdsConfig(trust.sds.secretName),
        },
      }
      : { validationContextSdsSecretConfig: sdsConfig(trust.sds.secretName) };
  }
  throw new StandaloneTlsError('an AWS Private CA trust (ACM) is resolved by App Mesh only; use TlsValidationTrust.file(...) or .sds(...) to run without App Mesh');
}

/** A listener's TLS termination (mutual when it validates clients). */
export function downstreamTls(tls: ListenerTlsModel) {
  const mutual = tls.validation !== undefined;
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: {
      '@type': `${ANY}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`,
      'commonTlsContext': {
        ...certificate(tls.certificate),
        ...validation(tls.validation?.trust, tls.validation?.subjectAlternativeNames?.match.exact),
      },
      ...(mutual ? { requireClientCertificate: true } : {}),
    },
  };
}

/** The client policy that applies to a port, if it enforces TLS there. */
export function policyFor(policy: ClientPolicyModel | undefined, port: number): ClientPolicyModel['tls'] | undefined {
  const tls = policy?.tls;
  if (!tls || tls.enforce === false) return undefined;
  return !tls.ports?.length || tls.ports.includes(port) ? tls : undefined;
}

/** TLS origination towards a backend: SNI is the virtual service name. */
export function upstreamTls(tls: NonNullable<ClientPolicyModel['tls']>, sni: string) {
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: {
      '@type': `${ANY}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
      sni,
      'commonTlsContext': {
        ...certificate(tls.certificate),
        ...validation(tls.validation?.trust, tls.validation?.subjectAlternativeNames?.match.exact),
      },
    },
  };
}

/** TLS origination towards a STRICT listener that no client policy covers: encrypted, not validated. */
export function upstreamTlsWithoutPolicy(sni: string) {
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: { '@type': `${ANY}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`, sni },
  };
}

/** Whether a built transport socket fetches secrets over SDS, so the SDS cluster is needed. */
export function usesSds(socket: unknown): boolean {
  return JSON.stringify(socket ?? null).includes('"sdsConfig"');
}
