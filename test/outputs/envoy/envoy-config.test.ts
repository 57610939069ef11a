import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { describe, expect, it } from 'vitest';
import { expectValid } from './helpers';
import {
  EnvoyConfig, ProxyKind, ServiceDiscovery, TlsCertificate, TlsMode, VirtualGatewayListener, VirtualNodeListener,
} from '../../../lib';
import { ENVOY_ENV, meshFixture } from '../../support/fixtures';

function shop() {
  const { stack, mesh } = meshFixture({}, { env: ENVOY_ENV });
  const node = (name: string, listener = VirtualNodeListener.http()) => mesh.addVirtualNode(name, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`), listeners: [listener],
  });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd-1234');
  node('catalog');
  const secure = node('secure', VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(certificate) } }));
  mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http()] });
  return { mesh, secure };
}

describe('EnvoyConfig.standaloneForMesh', () => {
  it('gives a config for every node and gateway that can have one, and a diagnostic for each that cannot', () => {
    // Regression: one ACM certificate on one node made the whole mesh throw.
    const { mesh, secure } = shop();
    const { configs, diagnostics } = EnvoyConfig.standaloneForMesh(mesh);
    expect(configs.map((c) => [c.resourceKind, c.resourceName, c.constructPath])).toEqual([
      [ProxyKind.VIRTUAL_GATEWAY, 'ingress', 'Stack/Mesh/Gateway'],
      [ProxyKind.VIRTUAL_NODE, 'catalog', 'Stack/Mesh/catalog'],
    ]);
    configs.forEach((config) => expectValid(config));
    expect(diagnostics.map((d) => [d.code, d.constructPath, d.field])).toEqual([
      ['AMK_ENVOY_APP_MESH_ONLY', secure.node.path, 'spec.listeners[0].tls'],
    ]);
  });

  it('names the resource of a single config too', () => {
    const { mesh } = shop();
    const [catalog] = EnvoyConfig.standaloneForMesh(mesh).configs.filter((c) => c.resourceName === 'catalog');
    expect(catalog.toObject().node.id).toBe('mesh/shop/virtualNode/catalog');
  });
});
