/**
 * Benchmark: standalone Envoy configurations for every virtual node of an N-service mesh.
 *
 * The workload is the one the official module's synth benchmark uses (../shared/bench), per service:
 * a virtual node (DNS discovery, HTTP 8080 listener with a health check, a backend to the next
 * service), a virtual router (HTTP 8080), a route splitting 90/10 between this node and the next,
 * and a virtual service provided by the router.
 *
 * Run: npx tsx bench/envoy-standalone.ts [N ...]   (default 100 250 500 1000 2000)
 * Prints, per N: the time to build the mesh graph (models are resolved as the compile reaches them),
 * the time to compile every node, the time to serialize every config to YAML, and µs per node.
 * Each N is measured in a fresh mesh, median of 5 runs after one warm-up.
 */
import { performance } from 'node:perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import {
  Backend, EnvoyConfig, HealthCheck, HttpRoutePathMatch, Mesh, RouteSpec, ServiceDiscovery, VirtualNode,
  VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../lib';
import { MeshGraph } from '../lib/model/mesh-graph';
import { MeshRegistry } from '../lib/model/registry';
import { MeshView } from '../lib/outputs/envoy/standalone/mesh-view';

function buildMesh(n: number): { mesh: Mesh; nodes: VirtualNode[] } {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'appmesh-kit:envoyOutput': false } });
  const stack = new Stack(app, 'Bench', { env: { account: '111122223333', region: 'eu-west-1' } });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'bench' });
  const nodes = Array.from({ length: n }, (_, i) => mesh.addVirtualNode(`Node${i}`, {
    virtualNodeName: `node-${i}`,
    serviceDiscovery: ServiceDiscovery.dns(`svc-${i}.bench.local`),
    listeners: [VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ path: '/health' }) })],
  }));
  const services = nodes.map((node, i) => {
    const router = mesh.addVirtualRouter(`Router${i}`, { virtualRouterName: `router-${i}`, listeners: [VirtualRouterListener.http(8080)] });
    router.addRoute(`Route${i}`, { routeName: `route-${i}`, routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/') } }) })
      .to(node).canary(nodes[(i + 1) % n], 10);
    return mesh.addVirtualService(`Service${i}`, {
      virtualServiceName: `svc-${i}.bench.local`,
      provider: VirtualServiceProvider.virtualRouter(router),
    });
  });
  nodes.forEach((node, i) => node.addBackend(Backend.virtualService(services[(i + 1) % n])));
  return { mesh, nodes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Sample { view: number; compile: number; yaml: number }

function measure(n: number): Sample {
  const { mesh } = buildMesh(n);
  // The view alone (every model resolved once), then the public whole-mesh call, which builds its own.
  const t0 = performance.now();
  new MeshView(MeshGraph.build(MeshRegistry.of(mesh)));
  const t1 = performance.now();
  const { configs, diagnostics } = EnvoyConfig.standaloneForMesh(mesh);
  if (diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${diagnostics.map((d) => d.code).join(', ')}`);
  const t2 = performance.now();
  if (configs.length !== n) throw new Error(`expected ${n} configs, got ${configs.length}`);
  let bytes = 0;
  for (const config of configs) bytes += config.toYaml().length;
  const t3 = performance.now();
  if (bytes === 0) throw new Error('no output');
  return { view: t1 - t0, compile: t2 - t1 - (t1 - t0), yaml: t3 - t2 };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ns = sizes.length ? sizes : [100, 250, 500, 1000, 2000];
console.log(`Node ${process.version}, ${ns.length} sizes, median of 5 runs (after 1 warm-up) each`);
console.log('| services | resources | view ms | compile ms | view+compile ms | µs per node | YAML ms |');
console.log('|---|---|---|---|---|---|---|');
for (const n of ns) {
  measure(n);
  const runs = Array.from({ length: 5 }, () => measure(n));
  const view = median(runs.map((r) => r.view));
  const compile = median(runs.map((r) => r.compile));
  const total = median(runs.map((r) => r.view + r.compile));
  const yaml = median(runs.map((r) => r.yaml));
  console.log(`| ${n} | ${4 * n + 1} | ${view.toFixed(0)} | ${compile.toFixed(0)} | ${total.toFixed(0)} | ${(total * 1000 / n).toFixed(0)} | ${yaml.toFixed(0)} |`);
}
