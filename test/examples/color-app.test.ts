import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { COLORS, buildColorApp } from '../../examples/color-app/app';
import { synthTemplate, testApp } from '../support/synth';

describe('examples/color-app', () => {
  const stack = buildColorApp(testApp());
  const template = synthTemplate(stack, 'example-color-app');

  it('has no diagnostics', () => {
    expect(stack.mesh.validate()).toEqual([]);
  });

  it('defines a colorteller node per color, discoverable with every endpoint', () => {
    template.resourceCountIs('AWS::AppMesh::VirtualNode', COLORS.length + 1);
    for (const color of COLORS) {
      template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
        VirtualNodeName: `colorteller-${color}-vn`,
        Spec: Match.objectLike({
          ServiceDiscovery: { DNS: { Hostname: `colorteller-${color}.default.svc.cluster.local`, ResponseType: 'ENDPOINTS' } },
        }),
      });
    }
  });

  it('lets the gateway call the colorteller service', () => {
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
      VirtualNodeName: 'colorgateway-vn',
      Spec: Match.objectLike({ Backends: [{ VirtualService: { VirtualServiceName: 'colorteller.default.svc.cluster.local' } }] }),
    });
    template.hasResourceProperties('AWS::AppMesh::VirtualService', {
      VirtualServiceName: 'colorteller.default.svc.cluster.local',
      Spec: { Provider: { VirtualNode: { VirtualNodeName: 'colorteller-white-vn' } } },
    });
  });

  it('matches the reviewed template snapshot', async () => {
    await expect(JSON.stringify(template.toJSON(), null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/ColorApp.template.json');
  });
});
