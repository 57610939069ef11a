import { Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { describe, expect, it } from 'vitest';
import {
  Backend,
  DiagnosticSeverity,
  ServiceDiscovery,
  SubjectAlternativeNames,
  TlsCertificate,
  TlsClientPolicy,
  TlsMode,
  TlsValidationTrust,
  VirtualNodeListener,
} from '../../../lib';
import { codesOf, expectDiagnostic, expectError, expectWarningAnnotation, meshFixture, nodeWith, nodeWithProps } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const certificate = TlsCertificate.file('/certs/cert.pem', '/certs/key.pem');
const fileTrust = TlsValidationTrust.file('/certs/ca.pem');

function acmCertificate(stack: Stack) {
  return acm.Certificate.fromCertificateArn(stack, 'Cert',
    'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000');
}

function authorities(stack: Stack, count: number): acmpca.ICertificateAuthority[] {
  return Array.from({ length: count }, (_, i) => acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, `Ca${i}`,
    `arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/00000000-0000-0000-0000-00000000000${i}`));
}

const defaultsPolicy = (policy: TlsClientPolicy) => nodeWithProps({ backendDefaults: { tlsClientPolicy: policy } });

describe('listener TLS certificate', () => {
  it('AMK_TLS_CERTIFICATE_UNUSED: warns on DISABLED with a certificate; synth succeeds with a warning', () => {
    const fixture = nodeWith({ tls: { mode: TlsMode.DISABLED, certificate } });
    const expected = {
      code: 'AMK_TLS_CERTIFICATE_UNUSED',
      severity: DiagnosticSeverity.WARNING,
      at: fixture.node,
      field: 'spec.listeners[0].tls.certificate',
    };
    expectDiagnostic(fixture.mesh, expected);
    synthTemplate(fixture.stack, 'rules-tls-certificate-unused');
    expectWarningAnnotation(fixture.stack, expected);
  });

  it.each([TlsMode.STRICT, TlsMode.PERMISSIVE])('AMK_TLS_CERTIFICATE_REQUIRED: rejects %s without a certificate', (mode) => {
    const fixture = nodeWith({ tls: { mode } });
    expectError(fixture, { code: 'AMK_TLS_CERTIFICATE_REQUIRED', at: fixture.node, field: 'spec.listeners[0].tls.certificate' });
  });

  it('accepts STRICT with a file, SDS or ACM certificate, and DISABLED without one', () => {
    const fixture = meshFixture();
    const { mesh, stack } = fixture;
    mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [
        VirtualNodeListener.http({ port: 8080, tls: { mode: TlsMode.STRICT, certificate } }),
        VirtualNodeListener.http({ port: 8081, tls: { mode: TlsMode.PERMISSIVE, certificate: TlsCertificate.sds('cert') } }),
        VirtualNodeListener.http({ port: 8082, tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(acmCertificate(stack)) } }),
        VirtualNodeListener.http({ port: 8083, tls: { mode: TlsMode.DISABLED } }),
      ],
    });
    expect(mesh.validate()).toEqual([]);
    synthTemplate(stack, 'rules-tls-listener-certificates');
  });
});

describe('AMK_TLS_CLIENT_CERTIFICATE_KIND (plain JavaScript)', () => {
  it('rejects an ACM certificate as mutualTlsCertificate of backend defaults', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', {
      backendDefaults: {
        tlsClientPolicy: {
          validation: { trust: fileTrust },
          mutualTlsCertificate: TlsCertificate.acm(acmCertificate(fixture.stack)) as any,
        },
      },
    });
    expectError(fixture, {
      code: 'AMK_TLS_CLIENT_CERTIFICATE_KIND', at: node, field: 'spec.backendDefaults.clientPolicy.tls.certificate.acm',
    });
  });

  it('rejects it on a backend client policy too', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'orders.shop.local' });
    const node = fixture.mesh.addVirtualNode('Node', {
      backends: [Backend.virtualService(service, {
        tlsClientPolicy: { validation: { trust: fileTrust }, mutualTlsCertificate: TlsCertificate.acm(acmCertificate(fixture.stack)) as any },
      })],
    });
    expectError(fixture, {
      code: 'AMK_TLS_CLIENT_CERTIFICATE_KIND', at: node, field: 'spec.backends[0].virtualService.clientPolicy.tls.certificate.acm',
    });
  });

  it('accepts file and SDS client certificates', () => {
    const fixture = defaultsPolicy({ validation: { trust: fileTrust }, mutualTlsCertificate: TlsCertificate.sds('client') });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-tls-client-certificate-sds');
  });
});

describe('AMK_TLS_LISTENER_TRUST_KIND (plain JavaScript)', () => {
  it('rejects an ACM trust for listener mutual TLS validation', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http({
        tls: {
          mode: TlsMode.STRICT,
          certificate,
          mutualTlsValidation: { trust: TlsValidationTrust.acm(authorities(fixture.stack, 1)) as any },
        },
      })],
    });
    expectError(fixture, { code: 'AMK_TLS_LISTENER_TRUST_KIND', at: node, field: 'spec.listeners[0].tls.validation.trust.acm' });
  });

  it('accepts a file or SDS trust', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, tls: { mode: TlsMode.STRICT, certificate, mutualTlsValidation: { trust: fileTrust } } }),
      VirtualNodeListener.http({
        port: 8081,
        tls: {
          mode: TlsMode.STRICT,
          certificate,
          mutualTlsValidation: {
            trust: TlsValidationTrust.sds('ca'),
            subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('client.shop.local'),
          },
        },
      }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-tls-listener-trust');
  });
});

describe('AMK_REQUIRED: validation without trust (plain JavaScript)', () => {
  it('rejects a client policy whose validation has no trust', () => {
    const fixture = defaultsPolicy({ validation: {} as any });
    expectError(fixture, { code: 'AMK_REQUIRED', at: fixture.node, field: 'spec.backendDefaults.clientPolicy.tls.validation.trust' });
  });

  it('rejects a client policy without validation', () => {
    const fixture = defaultsPolicy({} as any);
    expectError(fixture, { code: 'AMK_REQUIRED', at: fixture.node, field: 'spec.backendDefaults.clientPolicy.tls.validation' });
  });

  it('rejects listener mutual TLS validation without trust', () => {
    const fixture = nodeWith({ tls: { mode: TlsMode.STRICT, certificate, mutualTlsValidation: {} as any } });
    expectError(fixture, { code: 'AMK_REQUIRED', at: fixture.node, field: 'spec.listeners[0].tls.validation.trust' });
  });
});

describe('AMK_TLS_WILDCARD_SAN', () => {
  const wildcard = SubjectAlternativeNames.matchingExactly('catalog.shop.local', '*.shop.local');

  it('rejects a wildcard name when enforce is left at its default (true)', () => {
    const fixture = defaultsPolicy({ validation: { trust: fileTrust, subjectAlternativeNames: wildcard } });
    const d = expectError(fixture, {
      code: 'AMK_TLS_WILDCARD_SAN', at: fixture.node, field: 'spec.backendDefaults.clientPolicy.tls.validation.subjectAlternativeNames.match.exact',
    });
    expect(d.value).toContain('*.shop.local');
  });

  it('rejects it with enforce: true on a backend', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'orders.shop.local' });
    const node = fixture.mesh.addVirtualNode('Node', {
      backends: [Backend.virtualService(service, {
        tlsClientPolicy: { enforce: true, validation: { trust: fileTrust, subjectAlternativeNames: wildcard } },
      })],
    });
    expectError(fixture, {
      code: 'AMK_TLS_WILDCARD_SAN', at: node, field: 'spec.backends[0].virtualService.clientPolicy.tls.validation.subjectAlternativeNames.match.exact',
    });
  });

  it('is not reported with enforce: false', () => {
    const fixture = defaultsPolicy({ enforce: false, validation: { trust: fileTrust, subjectAlternativeNames: wildcard } });
    expect(codesOf(fixture.mesh)).not.toContain('AMK_TLS_WILDCARD_SAN');
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('exact names are accepted with enforce on', () => {
    const fixture = defaultsPolicy({
      validation: { trust: fileTrust, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('catalog.shop.local') },
    });
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('AMK_TLS_TRUST_CA_COUNT', () => {
  it.each([0, 4])('rejects an ACM trust of %d certificate authorities', (count) => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', {
      backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm(authorities(fixture.stack, count)) } } },
    });
    const d = expectError(fixture, {
      code: 'AMK_TLS_TRUST_CA_COUNT', at: node, field: 'spec.backendDefaults.clientPolicy.tls.validation.trust.acm.certificateAuthorityArns',
    });
    expect(d.value).toBe(String(count));
  });

  it.each([1, 3])('accepts %d certificate authorities', (count) => {
    const fixture = meshFixture();
    fixture.mesh.addVirtualNode('Node', {
      backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm(authorities(fixture.stack, count)) } } },
    });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, `rules-tls-trust-ca-${count}`);
  });
});

describe('AMK_ENUM on TLS mode (plain JavaScript)', () => {
  it('rejects TlsMode X', () => {
    const fixture = nodeWith({ tls: { mode: 'X' as any, certificate } });
    const d = expectError(fixture, { code: 'AMK_ENUM', at: fixture.node, field: 'spec.listeners[0].tls.mode' });
    expect(d.value).toBe('"X"');
  });

  it('rejects a missing mode as AMK_REQUIRED', () => {
    const fixture = nodeWith({ tls: { certificate } as any });
    expectError(fixture, { code: 'AMK_REQUIRED', at: fixture.node, field: 'spec.listeners[0].tls.mode' });
  });
});


describe('AMK_TLS_FILE_PATH', () => {
  it('rejects an empty certificate chain path of a listener certificate', () => {
    const fixture = nodeWith({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('', '/certs/key.pem') } });
    const d = expectError(fixture, {
      code: 'AMK_TLS_FILE_PATH', at: fixture.node, field: 'spec.listeners[0].tls.certificate.file.certificateChain',
    });
    expect(d.value).toBe('""');
  });

  it('rejects a 256-character private key path of a client certificate, accepts 255', () => {
    const policy = (keyPath: string): TlsClientPolicy => ({
      validation: { trust: fileTrust }, mutualTlsCertificate: TlsCertificate.file('/certs/cert.pem', keyPath),
    });
    const bad = defaultsPolicy(policy(`/${'k'.repeat(255)}`));
    expectError(bad, { code: 'AMK_TLS_FILE_PATH', at: bad.node, field: 'spec.backendDefaults.clientPolicy.tls.certificate.file.privateKey' });
    const good = defaultsPolicy(policy(`/${'k'.repeat(254)}`));
    expect(good.mesh.validate()).toEqual([]);
  });

  it('rejects an empty trust chain path', () => {
    const fixture = defaultsPolicy({ validation: { trust: TlsValidationTrust.file('') } });
    expectError(fixture, {
      code: 'AMK_TLS_FILE_PATH', at: fixture.node, field: 'spec.backendDefaults.clientPolicy.tls.validation.trust.file.certificateChain',
    });
  });
});

describe('AMK_TLS_VALUE', () => {
  it('rejects an empty SDS secret name of a listener certificate', () => {
    const fixture = nodeWith({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.sds('') } });
    const d = expectError(fixture, { code: 'AMK_TLS_VALUE', at: fixture.node, field: 'spec.listeners[0].tls.certificate.sds.secretName' });
    expect(d.value).toBe('""');
  });

  it('rejects an empty SDS secret name of a listener\'s mutual TLS trust', () => {
    const fixture = nodeWith({ tls: { mode: TlsMode.STRICT, certificate, mutualTlsValidation: { trust: TlsValidationTrust.sds('') } } });
    expectError(fixture, { code: 'AMK_TLS_VALUE', at: fixture.node, field: 'spec.listeners[0].tls.validation.trust.sds.secretName' });
  });

  it('rejects an SDS secret name of 2049 characters, accepts 2048', () => {
    const bad = defaultsPolicy({ validation: { trust: TlsValidationTrust.sds('s'.repeat(2049)) } });
    expectError(bad, { code: 'AMK_TLS_VALUE', at: bad.node, field: 'spec.backendDefaults.clientPolicy.tls.validation.trust.sds.secretName' });
    const good = defaultsPolicy({ validation: { trust: TlsValidationTrust.sds('s'.repeat(2048)) } });
    expect(good.mesh.validate()).toEqual([]);
  });
});

describe('AMK_TLS_SAN_LENGTH', () => {
  it('rejects a subject alternative name of 255 characters in a client policy, accepts 254', () => {
    const policy = (name: string): TlsClientPolicy => ({
      validation: { trust: fileTrust, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('catalog.shop.local', name) },
    });
    const bad = defaultsPolicy(policy('n'.repeat(255)));
    expectError(bad, {
      code: 'AMK_TLS_SAN_LENGTH', at: bad.node, field: 'spec.backendDefaults.clientPolicy.tls.validation.subjectAlternativeNames.match.exact[1]',
    });
    const good = defaultsPolicy(policy('n'.repeat(254)));
    expect(good.mesh.validate()).toEqual([]);
  });

  it('rejects an empty subject alternative name in a listener\'s mutual TLS validation', () => {
    const fixture = nodeWith({
      tls: {
        mode: TlsMode.STRICT,
        certificate,
        mutualTlsValidation: { trust: fileTrust, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('') },
      },
    });
    const d = expectError(fixture, {
      code: 'AMK_TLS_SAN_LENGTH', at: fixture.node, field: 'spec.listeners[0].tls.validation.subjectAlternativeNames.match.exact[0]',
    });
    expect(d.value).toBe('""');
  });
});
