import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AppMeshClient, DescribeGatewayRouteCommand, DescribeVirtualGatewayCommand, DescribeVirtualServiceCommand, ListGatewayRoutesCommand,
  ListTagsForResourceCommand, ListVirtualGatewaysCommand, ListVirtualServicesCommand,
} from '@aws-sdk/client-app-mesh';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * Preloaded into the command line's process by the import tests (NODE_OPTIONS): moto implements
 * meshes, virtual nodes, routers and routes, not virtual services, gateways or gateway routes, so
 * those calls answer from the file APPMESH_KIT_TEST_MOTO_GAPS names; every other call goes through
 * to moto. A test's own calls go the same way when it imports this module.
 */
export interface MotoGaps {
  readonly virtualServices: Array<Record<string, unknown> & { virtualServiceName: string }>;
  readonly virtualGateways: Array<Record<string, unknown> & { virtualGatewayName: string }>;
  readonly gatewayRoutes: Array<Record<string, unknown> & { gatewayRouteName: string; virtualGatewayName: string }>;
  /** Tags by ARN, for the mocked resources' ARNs (moto has no tags for what it does not hold). */
  readonly tags: Record<string, Array<{ key: string; value: string }>>;
}

export function mockMotoGaps(gaps: MotoGaps): void {
  const mock = mockClient(AppMeshClient);
  mock.send.callThrough();
  const arn = (r: Record<string, unknown>) => (r.metadata as { arn: string }).arn;
  mock.on(ListVirtualServicesCommand).resolves({ virtualServices: gaps.virtualServices.map((s) => ({ ...s, arn: arn(s) } as never)) });
  for (const s of gaps.virtualServices) {
    mock.on(DescribeVirtualServiceCommand, { virtualServiceName: s.virtualServiceName }).resolves({ virtualService: s as never });
  }
  mock.on(ListVirtualGatewaysCommand).resolves({ virtualGateways: gaps.virtualGateways.map((g) => ({ ...g, arn: arn(g) } as never)) });
  for (const g of gaps.virtualGateways) {
    mock.on(DescribeVirtualGatewayCommand, { virtualGatewayName: g.virtualGatewayName }).resolves({ virtualGateway: g as never });
    mock.on(ListGatewayRoutesCommand, { virtualGatewayName: g.virtualGatewayName }).resolves({
      gatewayRoutes: gaps.gatewayRoutes.filter((r) => r.virtualGatewayName === g.virtualGatewayName).map((r) => ({ ...r, arn: arn(r) } as never)),
    });
  }
  for (const r of gaps.gatewayRoutes) {
    mock.on(DescribeGatewayRouteCommand, { gatewayRouteName: r.gatewayRouteName }).resolves({ gatewayRoute: r as never });
  }
  for (const resource of [...gaps.virtualServices, ...gaps.virtualGateways, ...gaps.gatewayRoutes]) {
    mock.on(ListTagsForResourceCommand, { resourceArn: arn(resource) }).resolves({ tags: gaps.tags[arn(resource)] ?? [] });
  }
}

/** Credentials and Region for moto (it accepts any). */
export const AWS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
const ACCOUNT = '123456789012';

/** The ARN of a mocked resource of `mesh` (`path` as `/virtualService/<name>`). */
export const gapArn = (mesh: string, resource: string) => `arn:aws:appmesh:us-east-1:${ACCOUNT}:mesh/${mesh}${resource}`;

/** A mocked resource's metadata: owned by the mesh's owner, as moto's own resources are. */
export const gapMetadata = (mesh: string, resource: string) => ({
  arn: gapArn(mesh, resource), meshOwner: ACCOUNT, resourceOwner: ACCOUNT, version: 1, uid: 'u',
});

/** The environment of a command line that talks to moto, with the gaps of the file `gapsFile` mocked in its process. */
export function motoGapsEnv(gapsFile: string): NodeJS.ProcessEnv {
  return {
    ...AWS_ENV,
    APPMESH_KIT_TEST_MOTO_GAPS: gapsFile,
    NODE_OPTIONS: `--require ${require.resolve('tsx/cjs')} --require ${path.join(__dirname, 'moto-gaps.ts')}`,
  };
}

if (process.env.APPMESH_KIT_TEST_MOTO_GAPS) mockMotoGaps(JSON.parse(readFileSync(process.env.APPMESH_KIT_TEST_MOTO_GAPS, 'utf8')) as MotoGaps);
