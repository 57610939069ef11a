import { describe, expect, it } from 'vitest';
import { checkOutputs, ms, parsed, resourcesByName } from './example-checks';
import { POSTGRES_PORT, buildTcpService } from '../../examples/tcp-service/app';
import { MeshSnapshot } from '../../lib';
import { chainFor, clusterNamed, egressListener, ingressListener, tcpProxyOf } from '../outputs/envoy/helpers';
import { testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NODES = ['db-current', 'db-next', 'orders'];
const MESH_FILES = [
  'ecs/data/db-current.taskdef.json', 'ecs/data/orders.taskdef.json',
  ...NODES.flatMap((n) => [`envoy/data/${n}.appmesh.yaml`, `envoy/data/${n}.standalone.yaml`]),
  'lattice/data.json', 'migration/data.json', 'migration/data.md',
  ...NODES.map((n) => `service-connect/data/${n}.json`),
];

describe('examples/tcp-service', () => {
  const stack = buildTcpService(testApp());
  const snapshot = MeshSnapshot.ofStack(stack);
  checkOutputs('tcp-service', stack, snapshot, ['TcpService.template.json', ...MESH_FILES]);
  const template = parsed(snapshot, 'TcpService.template.json');
  const nodes = resourcesByName(template, 'AWS::AppMesh::VirtualNode', 'VirtualNodeName');

  it('has no diagnostics', () => {
    expect(stack.mesh.validate()).toEqual([]);
  });

  it('the database nodes listen on TCP 5432 with a TCP health check, a pool of 200 connections and a 10 minute idle timeout', () => {
    for (const name of ['db-current', 'db-next']) {
      const [listener] = nodes[name].Spec.Listeners;
      expect(listener.PortMapping).toEqual({ Port: POSTGRES_PORT, Protocol: 'tcp' });
      expect(listener.HealthCheck).toMatchObject({ Protocol: 'tcp', Port: POSTGRES_PORT, UnhealthyThreshold: 3 });
      expect(listener.HealthCheck.Path).toBeUndefined();
      expect(listener.ConnectionPool).toEqual({ TCP: { MaxConnections: 200 } });
      expect(ms(listener.Timeout.TCP.Idle)).toBe(600_000);
    }
    const config = parsed(snapshot, 'envoy/data/db-current.standalone.yaml');
    const proxy = tcpProxyOf(chainFor(ingressListener(config), POSTGRES_PORT));
    expect(ms(proxy.idleTimeout)).toBe(600_000);
    const local = clusterNamed(config, proxy.cluster);
    expect(local.circuitBreakers.thresholds[0].maxConnections).toBe(200);
  });

  it('routes 80 % of new connections to the current cluster and 20 % to the next, without retries', () => {
    const route = resourcesByName(template, 'AWS::AppMesh::Route', 'RouteName').db.Spec.TcpRoute;
    expect(route.Action.WeightedTargets.map((t: any) => [t.VirtualNode, t.Weight])).toEqual([['db-current', 80], ['db-next', 20]]);
    expect(route.RetryPolicy).toBeUndefined();
    expect(ms(route.Timeout.Idle)).toBe(600_000);
    const router = resourcesByName(template, 'AWS::AppMesh::VirtualRouter', 'VirtualRouterName')['db-router'];
    expect(router.Spec.Listeners).toEqual([{ PortMapping: { Port: POSTGRES_PORT, Protocol: 'tcp' } }]);

    // orders' Envoy proxies port 5432 as bytes (tcp_proxy), split between the two clusters.
    const orders = parsed(snapshot, 'envoy/data/orders.standalone.yaml');
    const proxy = tcpProxyOf(chainFor(egressListener(orders), POSTGRES_PORT));
    expect(proxy.weightedClusters.clusters).toEqual([
      { name: 'cds_egress_data_db-current_tcp_5432', weight: 80 },
      { name: 'cds_egress_data_db-next_tcp_5432', weight: 20 },
    ]);
    expect(ms(proxy.idleTimeout)).toBe(600_000);
  });

  it('runs postgres behind Envoy with 5432 as its app port', () => {
    const task = parsed(snapshot, 'ecs/data/db-current.taskdef.json');
    expect(task.memory).toBe('2048');
    expect(task.proxyConfiguration.properties).toContainEqual({ name: 'AppPorts', value: String(POSTGRES_PORT) });
    expect(task.containerDefinitions[0].portMappings).toEqual([{ containerPort: POSTGRES_PORT, protocol: 'tcp' }]);
  });
});
