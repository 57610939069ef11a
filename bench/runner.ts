/**
 * One measurement of `bench/synth.ts`, in a fresh process (peak RSS and module load are per run).
 *
 * `bench/synth.ts` transpiles this file to plain CommonJS and runs it with `node`, so no TypeScript
 * loader sits between the libraries and the clock: every library is loaded from its compiled
 * JavaScript (appmesh-kit from `lib/*.js`, hence the compile step of `npm run bench`).
 *
 *   node runner.js <root> <variant> <N> [outdir]
 *
 * variants: aws-appmesh | l1 | l2-shape | kit-off | kit-on | kit-phases. Prints one line: `@@RESULT@@{json}`.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Cdk from 'aws-cdk-lib';
import type * as CdkAppMesh from 'aws-cdk-lib/aws-appmesh';
import type * as Constructs from 'constructs';
import type * as Kit from '../lib';

/** What the parent reads back from one run. */
export interface RunResult {
  readonly variant: string;
  readonly n: number;
  readonly loadMs: number;
  readonly constructMs: number;
  readonly synthMs?: number;
  readonly validateMs?: number;
  readonly standaloneMs?: number;
  readonly maxRssMiB: number;
  readonly templateBytes?: number;
  readonly resources?: number;
  readonly outputFiles?: number;
  readonly outputBytes?: number;
  /** Outputs on: time in the file system writing the outputs' files, within the synthesis (see OutputWriteClock). */
  readonly outputWriteMs?: number;
  readonly diagnostics?: number;
}

const STACK = 'AppMeshBench';
const ENV = { account: '111111111111', region: 'us-east-1' };

type Build = (n: number) => void;

/** Every file output of appmesh-kit turned off, by its public context key. */
const OUTPUTS_OFF = {
  'appmesh-kit:envoyOutput': false,
  'appmesh-kit:migrationOutput': false,
  'appmesh-kit:serviceConnectOutput': false,
  'appmesh-kit:latticeOutput': false,
};

function appOf(cdk: typeof Cdk, outdir: string, context: Record<string, unknown> = {}): { app: Cdk.App; stack: Cdk.Stack } {
  // The anchor's settings: no resource limit (4N+1 exceeds 500) and no built-in template validation.
  const app = new cdk.App({ outdir, builtinCloudFormationValidation: false, context: { '@aws-cdk/core:stackResourceLimit': 0, ...context } });
  return { app, stack: new cdk.Stack(app, STACK, { env: ENV }) };
}

/** The workload with the official L2 module. */
function awsAppMesh(cdk: typeof Cdk, am: typeof CdkAppMesh, stack: Cdk.Stack): Build {
  return (n) => {
    const mesh = new am.Mesh(stack, 'Mesh', { meshName: 'bench' });
    const nodes: CdkAppMesh.VirtualNode[] = [];
    for (let i = 0; i < n; i++) {
      nodes.push(new am.VirtualNode(stack, `Node${i}`, {
        mesh,
        virtualNodeName: `node-${i}`,
        serviceDiscovery: am.ServiceDiscovery.dns(`node-${i}.bench.local`),
        listeners: [am.VirtualNodeListener.http({
          port: 8080,
          healthCheck: am.HealthCheck.http({
            path: '/health',
            healthyThreshold: 2,
            unhealthyThreshold: 3,
            interval: cdk.Duration.seconds(5),
            timeout: cdk.Duration.seconds(2),
          }),
        })],
      }));
    }
    const services: CdkAppMesh.VirtualService[] = [];
    for (let i = 0; i < n; i++) {
      const router = new am.VirtualRouter(stack, `Router${i}`, {
        mesh, virtualRouterName: `router-${i}`, listeners: [am.VirtualRouterListener.http(8080)],
      });
      router.addRoute(`route-${i}`, {
        routeName: `route-${i}`,
        routeSpec: am.RouteSpec.http({
          match: { path: am.HttpRoutePathMatch.startsWith('/') },
          weightedTargets: [{ virtualNode: nodes[i], weight: 90 }, { virtualNode: nodes[(i + 1) % n], weight: 10 }],
        }),
      });
      services.push(new am.VirtualService(stack, `Service${i}`, {
        virtualServiceName: `svc-${i}.bench.local`,
        virtualServiceProvider: am.VirtualServiceProvider.virtualRouter(router),
      }));
    }
    nodes.forEach((node, i) => node.addBackend(am.Backend.virtualService(services[(i + 1) % n])));
  };
}

/** The floor: the same resources and properties from the L1 classes, every name a literal. */
function plainL1(am: typeof CdkAppMesh, stack: Cdk.Stack): Build {
  return (n) => {
    new am.CfnMesh(stack, 'Mesh', { meshName: 'bench', spec: {} });
    for (let i = 0; i < n; i++) {
      new am.CfnVirtualNode(stack, `Node${i}`, {
        meshName: 'bench',
        virtualNodeName: `node-${i}`,
        spec: {
          backends: [{ virtualService: { virtualServiceName: `svc-${(i + 1) % n}.bench.local` } }],
          listeners: [{
            portMapping: { port: 8080, protocol: 'http' },
            healthCheck: {
              protocol: 'http',
              path: '/health',
              port: 8080,
              healthyThreshold: 2,
              unhealthyThreshold: 3,
              intervalMillis: 5000,
              timeoutMillis: 2000,
            },
          }],
          serviceDiscovery: { dns: { hostname: `node-${i}.bench.local` } },
        },
      });
    }
    for (let i = 0; i < n; i++) {
      new am.CfnVirtualRouter(stack, `Router${i}`, {
        meshName: 'bench',
        virtualRouterName: `router-${i}`,
        spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
      });
      new am.CfnRoute(stack, `Route${i}`, {
        meshName: 'bench',
        virtualRouterName: `router-${i}`,
        routeName: `route-${i}`,
        spec: {
          httpRoute: {
            match: { prefix: '/' },
            action: { weightedTargets: [{ virtualNode: `node-${i}`, weight: 90 }, { virtualNode: `node-${(i + 1) % n}`, weight: 10 }] },
          },
        },
      });
      new am.CfnVirtualService(stack, `Service${i}`, {
        meshName: 'bench',
        virtualServiceName: `svc-${i}.bench.local`,
        spec: { provider: { virtualRouter: { virtualRouterName: `router-${i}` } } },
      });
    }
  };
}

/**
 * appmesh-kit's template and construct tree with none of its logic: the L1s of the floor, each
 * under a bare construct named as appmesh-kit names its constructs (a route under its router),
 * with the DependsOn appmesh-kit writes. What any L2 library that writes this template pays to
 * CDK itself (logical ids from nested paths, tree metadata, dependencies).
 */
function l2Shape(constructs: typeof Constructs, am: typeof CdkAppMesh, stack: Cdk.Stack): Build {
  return (n) => {
    const mesh = new am.CfnMesh(new constructs.Construct(stack, 'Mesh'), 'Resource', { meshName: 'bench', spec: {} });
    const nodes: CdkAppMesh.CfnVirtualNode[] = [];
    for (let i = 0; i < n; i++) {
      const node = new am.CfnVirtualNode(new constructs.Construct(stack, `Node${i}`), 'Resource', {
        meshName: 'bench',
        virtualNodeName: `node-${i}`,
        spec: {
          backends: [{ virtualService: { virtualServiceName: `svc-${(i + 1) % n}.bench.local` } }],
          listeners: [{
            healthCheck: {
              healthyThreshold: 2, intervalMillis: 5000, path: '/health', port: 8080, protocol: 'http', timeoutMillis: 2000, unhealthyThreshold: 3,
            },
            portMapping: { port: 8080, protocol: 'http' },
          }],
          serviceDiscovery: { dns: { hostname: `node-${i}.bench.local` } },
        },
      });
      node.addDependency(mesh);
      nodes.push(node);
    }
    for (let i = 0; i < n; i++) {
      const routerScope = new constructs.Construct(stack, `Router${i}`);
      const router = new am.CfnVirtualRouter(routerScope, 'Resource', {
        meshName: 'bench',
        virtualRouterName: `router-${i}`,
        spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
      });
      router.addDependency(mesh);
      const route = new am.CfnRoute(new constructs.Construct(routerScope, `route-${i}`), 'Resource', {
        meshName: 'bench',
        routeName: `route-${i}`,
        spec: {
          httpRoute: {
            action: { weightedTargets: [{ virtualNode: `node-${i}`, weight: 90 }, { virtualNode: `node-${(i + 1) % n}`, weight: 10 }] },
            match: { prefix: '/' },
          },
        },
        virtualRouterName: `router-${i}`,
      });
      [mesh, nodes[i], nodes[(i + 1) % n], router].forEach((target) => route.addDependency(target));
      const service = new am.CfnVirtualService(new constructs.Construct(stack, `Service${i}`), 'Resource', {
        meshName: 'bench',
        spec: { provider: { virtualRouter: { virtualRouterName: `router-${i}` } } },
        virtualServiceName: `svc-${i}.bench.local`,
      });
      service.addDependency(mesh);
      service.addDependency(router);
    }
  };
}

/** The workload with appmesh-kit; returns the mesh for the phase timings. */
function appMeshKit(cdk: typeof Cdk, kit: typeof Kit, stack: Cdk.Stack): (n: number) => Kit.Mesh {
  return (n) => {
    const mesh = new kit.Mesh(stack, 'Mesh', { meshName: 'bench' });
    const nodes: Kit.VirtualNode[] = [];
    for (let i = 0; i < n; i++) {
      nodes.push(new kit.VirtualNode(stack, `Node${i}`, {
        mesh,
        virtualNodeName: `node-${i}`,
        serviceDiscovery: kit.ServiceDiscovery.dns(`node-${i}.bench.local`),
        listeners: [kit.VirtualNodeListener.http({
          port: 8080,
          healthCheck: kit.HealthCheck.http({
            path: '/health',
            healthyThreshold: 2,
            unhealthyThreshold: 3,
            interval: cdk.Duration.seconds(5),
            timeout: cdk.Duration.seconds(2),
          }),
        })],
      }));
    }
    const services: Kit.VirtualService[] = [];
    for (let i = 0; i < n; i++) {
      const router = new kit.VirtualRouter(stack, `Router${i}`, {
        mesh, virtualRouterName: `router-${i}`, listeners: [kit.VirtualRouterListener.http(8080)],
      });
      router.addRoute(`route-${i}`, {
        routeName: `route-${i}`,
        routeSpec: kit.RouteSpec.http({
          match: { path: kit.HttpRoutePathMatch.startsWith('/') },
          weightedTargets: [{ virtualNode: nodes[i], weight: 90 }, { virtualNode: nodes[(i + 1) % n], weight: 10 }],
        }),
      });
      services.push(new kit.VirtualService(stack, `Service${i}`, {
        mesh,
        virtualServiceName: `svc-${i}.bench.local`,
        provider: kit.VirtualServiceProvider.virtualRouter(router),
      }));
    }
    nodes.forEach((node, i) => node.addBackend(kit.Backend.virtualService(services[(i + 1) % n])));
    return mesh;
  };
}

/** Files and bytes under a folder, the template excepted. */
function outputsUnder(dir: string, template: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const relative of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, relative);
    if (file === template || !isOutputFile(relative) || !fs.statSync(file).isFile()) continue;
    files++;
    bytes += fs.statSync(file).size;
  }
  return { files, bytes };
}

/**
 * Time spent in `fs.writeFileSync` on the outputs' files during the synthesis
 * (the template, the manifest and CDK's own files excepted): the part of "outputs on" that is the
 * file system's, not the library's. Measured where it happens: the same files written again in a
 * tight loop afterwards cost 3-10x less on this machine's disk, so a replay would understate it.
 */
class OutputWriteClock {
  public ms = 0;

  constructor(fsModule: typeof fs) {
    const timed = <A extends unknown[], R>(call: (...args: A) => R) => (...args: A): R => {
      const start = performance.now();
      try {
        return call(...args);
      } finally {
        if (isOutputFile(String(args[0]))) this.ms += performance.now() - start;
      }
    };
    // The library calls these through the module object, so replacing them there times every call.
    const target = fsModule as { writeFileSync: typeof fs.writeFileSync };
    target.writeFileSync = timed(target.writeFileSync.bind(fsModule)) as typeof fs.writeFileSync;
  }
}

/** A file an appmesh-kit output wrote (not the template, the manifest, the tree or CDK's own files). */
function isOutputFile(name: string): boolean {
  const base = path.basename(name);
  return /\.(yaml|json|md)$/.test(base) && !/manifest\.json$|tree\.json$|\.(assets|metadata|template)\.json$|validation-report\.json$/.test(base);
}

function run(root: string, variant: string, n: number, outdir: string): RunResult {
  const load = createRequire(path.join(root, 'package.json'));
  const t0 = performance.now();
  const cdk = load('aws-cdk-lib') as typeof Cdk;
  const am = variant === 'aws-appmesh' || variant === 'l1' || variant === 'l2-shape' ? load('aws-cdk-lib/aws-appmesh') as typeof CdkAppMesh : undefined;
  const constructs = variant === 'l2-shape' ? load('constructs') as typeof Constructs : undefined;
  const kit = am ? undefined : load(path.join(root, 'lib', 'index.js')) as typeof Kit;
  const loadMs = performance.now() - t0;

  const outputsOff = variant === 'kit-off' || variant === 'kit-phases';
  const { app, stack } = appOf(cdk, outdir, outputsOff ? OUTPUTS_OFF : {});
  let mesh: Kit.Mesh | undefined;
  const t1 = performance.now();
  if (variant === 'aws-appmesh') awsAppMesh(cdk, am!, stack)(n);
  else if (variant === 'l1') plainL1(am!, stack)(n);
  else if (variant === 'l2-shape') l2Shape(constructs!, am!, stack)(n);
  else mesh = appMeshKit(cdk, kit!, stack)(n);
  const constructMs = performance.now() - t1;

  if (variant === 'kit-phases') {
    // The two public whole-mesh calls on their own, without a synthesis (and so without its graph).
    const t2 = performance.now();
    const diagnostics = mesh!.validate();
    const validateMs = performance.now() - t2;
    const t3 = performance.now();
    const { configs } = kit!.EnvoyConfig.standaloneForMesh(mesh!);
    const standaloneMs = performance.now() - t3;
    if (configs.length !== n) throw new Error(`expected ${n} standalone configs, got ${configs.length}`);
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    return { variant, n, loadMs, constructMs, validateMs, standaloneMs, diagnostics: diagnostics.length, maxRssMiB };
  }

  const writes = variant === 'kit-on' ? new OutputWriteClock(load('node:fs') as typeof fs) : undefined;
  const t2 = performance.now();
  const assembly = app.synth();
  const synthMs = performance.now() - t2;
  const artifact = assembly.getStackByName(STACK);
  const templateFile = path.join(assembly.directory, artifact.templateFile);
  const resources = Object.keys((artifact.template as { Resources?: object }).Resources ?? {}).length;
  if (resources !== 4 * n + 1) throw new Error(`expected ${4 * n + 1} resources, got ${resources}`);
  const outputs = outputsUnder(assembly.directory, templateFile);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  return {
    variant,
    n,
    loadMs,
    constructMs,
    synthMs,
    resources,
    templateBytes: fs.statSync(templateFile).size,
    outputFiles: outputs.files,
    outputBytes: outputs.bytes,
    outputWriteMs: writes?.ms,
    maxRssMiB,
  };
}

function main(): void {
  const [root, variant, count, given] = process.argv.slice(2);
  const outdir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-bench-'));
  try {
    process.stdout.write(`@@RESULT@@${JSON.stringify(run(root, variant, Number(count), outdir))}\n`);
  } finally {
    if (!given) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main();
