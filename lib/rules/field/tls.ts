import { DiagnosticSeverity } from '../diagnostic';
import { Finding, intRange, isBoolean, lengthRange, list, oneOf, optional, report, required, requiredStruct, struct, RuleContext } from '../field-rules';

const certificateFields = {
  acm: struct('ACM certificate', { certificateArn: required('certificate ARN', lengthRange('AMK_TLS_VALUE', 'certificate ARN', 1, 2048)) }),
  file: struct('file certificate', {
    certificateChain: required('certificate chain path', lengthRange('AMK_TLS_FILE_PATH', 'certificate chain path', 1, 255)),
    privateKey: required('private key path', lengthRange('AMK_TLS_FILE_PATH', 'private key path', 1, 255)),
  }),
  sds: struct('SDS certificate', { secretName: required('SDS secret name', lengthRange('AMK_TLS_VALUE', 'SDS secret name', 1, 2048)) }),
};

const trustFields = {
  acm: struct('ACM trust', {
    certificateAuthorityArns: list('certificate authority ARNs', required('certificate authority ARN'), (v, ctx) => {
      if (v.length < 1 || v.length > 3) {
        report(ctx, {
          code: 'AMK_TLS_TRUST_CA_COUNT',
          message: `an ACM trust takes 1 to 3 certificate authorities, not ${v.length}`,
          fix: 'pass between one and three AWS Private CA certificate authorities',
        }, v.length);
      }
    }),
  }),
  file: struct('file trust', {
    certificateChain: required('trust certificate chain path', lengthRange('AMK_TLS_FILE_PATH', 'trust certificate chain path', 1, 255)),
  }),
  sds: struct('SDS trust', { secretName: required('SDS secret name', lengthRange('AMK_TLS_VALUE', 'SDS secret name', 1, 2048)) }),
};

function exactlyOneSource(what: string, kinds: string): (value: Record<string, unknown>, ctx: RuleContext) => void {
  return (value, ctx) => {
    const given = Object.keys(value).filter((k) => value[k] !== undefined);
    if (given.length !== 1) {
      report(ctx, {
        code: 'AMK_TLS_SOURCE',
        message: `${what} needs exactly one source (${kinds}), not ${given.length}`,
        fix: `build ${what} with one of its static factory methods`,
      }, value);
    }
  };
}

const subjectAlternativeNames = struct('subject alternative names', {
  match: requiredStruct('subject alternative name match', {
    exact: list('subject alternative names', required('subject alternative name',
      lengthRange('AMK_TLS_SAN_LENGTH', 'subject alternative name', 1, 254))),
  }),
});

/** Listener TLS: mode + certificate; validation trust for mutual TLS is file or SDS only. */
export const listenerTls = struct('listener TLS', {
  mode: required('TLS mode', oneOf('AMK_ENUM', 'TLS mode', ['STRICT', 'PERMISSIVE', 'DISABLED'])),
  certificate: struct('listener certificate', certificateFields, exactlyOneSource('a listener certificate', 'ACM, file or SDS')),
  validation: struct('mutual TLS validation', {
    trust: requiredStruct('mutual TLS validation trust', trustFields,
      exactlyOneSource('a mutual TLS validation trust', 'file or SDS'),
      (trust, ctx) => {
        if (trust.acm !== undefined) {
          report(ctx, {
            code: 'AMK_TLS_LISTENER_TRUST_KIND',
            message: 'a listener validates client certificates against a file or SDS trust only, not ACM',
            fix: 'use TlsValidationTrust.file(...) or TlsValidationTrust.sds(...) for mutualTlsValidation',
          }, trust.acm, ['acm']);
        }
      }),
    subjectAlternativeNames,
  }),
}, (tls, ctx) => {
  if (tls.mode === 'DISABLED' && tls.certificate !== undefined) {
    report(ctx, {
      code: 'AMK_TLS_CERTIFICATE_UNUSED',
      message: 'a certificate is set but TLS mode is DISABLED, so the listener serves plaintext and the certificate is unused',
      fix: 'set mode to STRICT or PERMISSIVE, or remove the certificate',
      severity: DiagnosticSeverity.WARNING,
    }, tls.certificate, ['certificate']);
  }
  if ((tls.mode === 'STRICT' || tls.mode === 'PERMISSIVE') && tls.certificate === undefined) {
    report(ctx, {
      code: 'AMK_TLS_CERTIFICATE_REQUIRED',
      message: `TLS mode ${tls.mode} needs a certificate to terminate TLS with`,
      fix: 'pass certificate: TlsCertificate.acm(...), .file(...) or .sds(...)',
    }, undefined, ['certificate']);
  }
});

function hasWildcard(names: unknown): boolean {
  return Array.isArray(names) && names.some((n) => typeof n === 'string' && n.includes('*'));
}

const wildcardFinding: Finding = {
  code: 'AMK_TLS_WILDCARD_SAN',
  message: 'a wildcard subject alternative name is allowed only when the client policy does not enforce TLS',
  fix: 'list the exact names (for example catalog.shop.local), or set enforce: false',
};

/** A client policy (backend or backend defaults). */
export const clientPolicy = struct('client policy', {
  tls: struct('client policy TLS', {
    enforce: optional('enforce', isBoolean('enforce')),
    ports: list('TLS ports', required('TLS port', intRange('AMK_PORT_RANGE', 'TLS port', 1, 65535))),
    certificate: struct('client certificate', certificateFields,
      exactlyOneSource('a client certificate', 'file or SDS'),
      (cert, ctx) => {
        if (cert.acm !== undefined) {
          report(ctx, {
            code: 'AMK_TLS_CLIENT_CERTIFICATE_KIND',
            message: 'mutual TLS needs the client certificate from a file or SDS; App Mesh cannot present an ACM certificate as a client',
            fix: 'use TlsCertificate.file(...) or TlsCertificate.sds(...) as mutualTlsCertificate',
          }, cert.acm, ['acm']);
        }
      }),
    validation: requiredStruct('client policy validation', {
      trust: requiredStruct('client policy trust', trustFields, exactlyOneSource('a client policy trust', 'ACM, file or SDS')),
      subjectAlternativeNames,
    }),
  }, (tls, ctx) => {
    if (tls.enforce !== false && hasWildcard(tls.validation?.subjectAlternativeNames?.match?.exact)) {
      report(ctx, wildcardFinding, tls.validation.subjectAlternativeNames.match.exact,
        ['validation', 'subjectAlternativeNames', 'match', 'exact']);
    }
  }),
});
