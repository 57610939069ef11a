import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { SubjectAlternativeNamesModel, TlsCertificateModel, TlsTrustModel } from './model/spec';
import { resourceNameOf } from './private/render';

/**
 * How a listener treats TLS.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/tls.html
 */
export enum TlsMode {
  /** Only TLS connections are accepted. */
  STRICT = 'STRICT',
  /** TLS and plaintext are both accepted (for migrating clients). */
  PERMISSIVE = 'PERMISSIVE',
  /** TLS is off. */
  DISABLED = 'DISABLED',
}

/**
 * A certificate Envoy presents: from ACM, from files in the Envoy container, or from an SDS provider.
 */
export abstract class TlsCertificate {
  /**
   * An ACM certificate issued by AWS Private CA (same account and Region as the mesh). Not usable for mutual TLS clients.
   * @param certificate the ACM certificate, which App Mesh hands to Envoy with its private key
   */
  public static acm(certificate: acm.ICertificate): TlsCertificate {
    return new AcmCertificate(resourceNameOf(certificate, 'certificateArn',
      'an ACM certificate (acm.Certificate, or acm.Certificate.fromCertificateArn(...))') as string);
  }

  /**
   * A certificate chain and private key on Envoy's file system.
   * @param certificateChainPath absolute path of the PEM certificate chain in the Envoy container
   * @param privateKeyPath absolute path of the PEM private key in the Envoy container
   */
  public static file(certificateChainPath: string, privateKeyPath: string): MutualTlsCertificate {
    return new FileCertificate(certificateChainPath, privateKeyPath);
  }

  /**
   * A certificate served by the Secret Discovery Service (for example SPIRE).
   * @param secretName the SDS secret name Envoy requests (for SPIRE, a SPIFFE ID such as `spiffe://example.org/ns/app/sa/front`)
   */
  public static sds(secretName: string): MutualTlsCertificate {
    return new SdsCertificate(secretName);
  }

  /** @internal */
  public abstract _toModel(): TlsCertificateModel;
}

/**
 * A certificate that can also serve mutual TLS (file or SDS; ACM cannot).
 */
export abstract class MutualTlsCertificate extends TlsCertificate {
  /**
   * Keeps TypeScript from treating any TlsCertificate as a MutualTlsCertificate.
   * @internal
   */
  protected readonly _mutualTlsCapable = true;
}

class AcmCertificate extends TlsCertificate {
  constructor(private readonly certificateArn: string) { super(); }
  public _toModel(): TlsCertificateModel { return { acm: { certificateArn: this.certificateArn } }; }
}

class FileCertificate extends MutualTlsCertificate {
  constructor(private readonly certificateChain: string, private readonly privateKey: string) { super(); }
  public _toModel(): TlsCertificateModel { return { file: { certificateChain: this.certificateChain, privateKey: this.privateKey } }; }
}

class SdsCertificate extends MutualTlsCertificate {
  constructor(private readonly secretName: string) { super(); }
  public _toModel(): TlsCertificateModel { return { sds: { secretName: this.secretName } }; }
}

/**
 * The certificate authorities a TLS peer is validated against.
 */
export abstract class TlsValidationTrust {
  /**
   * AWS Private CA root certificate authorities (1–3). Client policies only.
   * @param certificateAuthorities one to three AWS Private CA certificate authorities a server certificate must chain to
   */
  public static acm(certificateAuthorities: acmpca.ICertificateAuthority[]): TlsValidationTrust {
    return new AcmTrust(certificateAuthorities);
  }

  /**
   * A certificate chain on Envoy's file system.
   * @param certificateChainPath absolute path of the PEM trust bundle in the Envoy container
   */
  public static file(certificateChainPath: string): MutualTlsValidationTrust {
    return new FileTrust(certificateChainPath);
  }

  /**
   * A trust bundle served by the Secret Discovery Service.
   * @param secretName the SDS secret name of the trust bundle Envoy requests (for SPIRE, `spiffe://<trust domain>`)
   */
  public static sds(secretName: string): MutualTlsValidationTrust {
    return new SdsTrust(secretName);
  }

  /** @internal */
  public abstract _toModel(): TlsTrustModel;
}

/**
 * A trust that a listener can validate client certificates with (file or SDS).
 */
export abstract class MutualTlsValidationTrust extends TlsValidationTrust {
  /**
   * Keeps TypeScript from treating any TlsValidationTrust as a MutualTlsValidationTrust.
   * @internal
   */
  protected readonly _mutualTlsCapable = true;
}

class AcmTrust extends TlsValidationTrust {
  constructor(private readonly authorities: acmpca.ICertificateAuthority[]) { super(); }
  public _toModel(): TlsTrustModel {
    const arns = Array.isArray(this.authorities) ? this.authorities.map((ca) => ca?.certificateAuthorityArn) : this.authorities;
    return { acm: { certificateAuthorityArns: arns as string[] } };
  }
}

class FileTrust extends MutualTlsValidationTrust {
  constructor(private readonly certificateChain: string) { super(); }
  public _toModel(): TlsTrustModel { return { file: { certificateChain: this.certificateChain } }; }
}

class SdsTrust extends MutualTlsValidationTrust {
  constructor(private readonly secretName: string) { super(); }
  public _toModel(): TlsTrustModel { return { sds: { secretName: this.secretName } }; }
}

/**
 * Names a peer certificate must carry (FQDN or URI).
 */
export abstract class SubjectAlternativeNames {
  /**
   * The certificate must carry one of exactly these names.
   * @param names the accepted subject alternative names (FQDNs or URIs), compared exactly
   */
  public static matchingExactly(...names: string[]): SubjectAlternativeNames {
    return new ExactNames(names);
  }

  /** @internal */
  public abstract _toModel(): SubjectAlternativeNamesModel;
}

class ExactNames extends SubjectAlternativeNames {
  constructor(private readonly names: string[]) { super(); }
  public _toModel(): SubjectAlternativeNamesModel { return { match: { exact: this.names } }; }
}

/**
 * Mutual TLS on a listener: how client certificates are validated.
 */
export interface MutualTlsValidation {
  /** Certificate authorities client certificates must chain to (file or SDS). */
  readonly trust: MutualTlsValidationTrust;
  /**
   * Names a client certificate must carry.
   * @default - any client certificate that chains to the trust
   */
  readonly subjectAlternativeNames?: SubjectAlternativeNames;
}

/**
 * TLS termination on a listener.
 */
export interface ListenerTlsOptions {
  /** STRICT, PERMISSIVE or DISABLED. */
  readonly mode: TlsMode;
  /**
   * The certificate the listener presents. Required unless the mode is DISABLED.
   * @default - none (only valid with TlsMode.DISABLED)
   */
  readonly certificate?: TlsCertificate;
  /**
   * Require and validate client certificates (mutual TLS).
   * @default - client certificates are not requested
   */
  readonly mutualTlsValidation?: MutualTlsValidation;
}

/**
 * How a client validates the certificate of the service it calls.
 */
export interface TlsValidation {
  /** Certificate authorities the server certificate must chain to. */
  readonly trust: TlsValidationTrust;
  /**
   * Names the server certificate must carry.
   * @default - a name matching the service's discovery name
   */
  readonly subjectAlternativeNames?: SubjectAlternativeNames;
}

/**
 * TLS that a virtual node (or gateway) originates towards its backends.
 */
export interface TlsClientPolicy {
  /**
   * Whether TLS is enforced.
   * @default true
   */
  readonly enforce?: boolean;
  /**
   * Ports TLS is enforced on.
   * @default - every port
   */
  readonly ports?: number[];
  /** How the backend's certificate is validated. */
  readonly validation: TlsValidation;
  /**
   * Client certificate to present (mutual TLS; file or SDS).
   * @default - no client certificate
   */
  readonly mutualTlsCertificate?: MutualTlsCertificate;
}
