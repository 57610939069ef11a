import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  Backend, HeaderMatch, HealthCheck, HttpRetryEvent, HttpRoutePathMatch, Mesh, MeshTaskDefinition, RetryPolicy, Route, RouteSpec,
  ServiceDiscovery, TcpRetryEvent, VirtualNode, VirtualNodeListener, VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

/** The namespace the shop's services resolve in. */
const NAMESPACE = 'shop.local';

/**
 * The steps of the rollout, in order. Each step is one deployment: pick it with
 * `npx cdk synth -c rolloutStep=<step>` (default `canary`). `rolled-back` is the way out of `canary`.
 */
export const ROLLOUT_STEPS = ['stable', 'canary', 'half', 'promoted', 'rolled-back'];

/** The route builder calls that take the checkout route to each step, from its stable start (v1 only). */
const STEP_CALLS: Record<string, (route: Route, v1: VirtualNode, v2: VirtualNode) => Route> = {
  'stable': (route) => route,
  'canary': (route, _v1, v2) => route.canary(v2, 10),
  'half': (route, v1, v2) => route.canary(v2, 10).shift(v1, v2, 40),
  'promoted': (route, v1, v2) => route.canary(v2, 10).shift(v1, v2, 40).promote(v2),
  'rolled-back': (route, _v1, v2) => route.canary(v2, 10).rollback(),
};

/** Props of the rollout stack. */
export interface CanaryRolloutProps extends StackProps {
  /** One of ROLLOUT_STEPS. */
  readonly step: string;
}

/**
 * A canary promoted in steps: the checkout service moves from v1 to v2 through a virtual
 * router, 10 % first, then half, then all of it (or back to v1). Every step keeps the same
 * retries (server and gateway errors, refused connections; 3 attempts of 2 s each) and
 * timeouts (8 s per request, 30 s idle), and testers reach v2 at any step with the
 * `x-canary: always` header.
 */
export class CanaryRolloutStack extends Stack {
  public readonly mesh: Mesh;
  public readonly v1: VirtualNode;
  public readonly v2: VirtualNode;
  public readonly frontend: VirtualNode;
  public readonly checkout: VirtualService;
  /** The route the rollout moves: `/` to v1, then v2. */
  public readonly rolloutRoute: Route;
  /** Requests with `x-canary: always` go to v2 whatever the step. */
  public readonly previewRoute: Route;
  public readonly v1Task: MeshTaskDefinition;
  public readonly v2Task: MeshTaskDefinition;

  constructor(scope: Construct, id: string, props: CanaryRolloutProps) {
    super(scope, id, props);
    const steps = STEP_CALLS[props.step];
    if (!steps) throw new Error(`unknown rollout step '${props.step}': use one of ${ROLLOUT_STEPS.join(', ')}`);

    this.mesh = new Mesh(this, 'Mesh', { meshName: 'shop' });
    const version = (v: string) => this.mesh.addVirtualNode(`Checkout-${v}`, {
      virtualNodeName: `checkout-${v}`,
      serviceDiscovery: ServiceDiscovery.dns(`checkout-${v}.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ path: '/health' }) })],
    });
    this.v1 = version('v1');
    this.v2 = version('v2');

    const router = this.mesh.addVirtualRouter('CheckoutRouter', {
      virtualRouterName: 'checkout-router',
      listeners: [VirtualRouterListener.http(8080)],
    });
    const retries = RetryPolicy.custom({
      maxRetries: 3,
      perRetryTimeout: Duration.seconds(2),
      httpRetryEvents: [HttpRetryEvent.SERVER_ERROR, HttpRetryEvent.GATEWAY_ERROR],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
    });
    const timeout = { perRequest: Duration.seconds(8), idle: Duration.seconds(30) };

    this.previewRoute = router.addRoute('Preview', {
      routeName: 'checkout-preview',
      routeSpec: RouteSpec.http({
        priority: 0,
        match: { path: HttpRoutePathMatch.startsWith('/'), headers: [HeaderMatch.valueIs('x-canary', 'always')] },
      }),
    }).to(this.v2).withRetries(retries).withTimeout(timeout);

    this.rolloutRoute = steps(router.addRoute('Rollout', {
      routeName: 'checkout-rollout',
      routeSpec: RouteSpec.http({ priority: 10, match: { path: HttpRoutePathMatch.startsWith('/') } }),
    }).to(this.v1), this.v1, this.v2).withRetries(retries).withTimeout(timeout);

    this.checkout = this.mesh.addVirtualService('Checkout', {
      virtualServiceName: `checkout.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualRouter(router),
    });
    this.frontend = this.mesh.addVirtualNode('Frontend', {
      virtualNodeName: 'frontend',
      serviceDiscovery: ServiceDiscovery.dns(`frontend.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({ port: 8080 })],
      backends: [Backend.virtualService(this.checkout)],
    });

    const checkoutTask = (node: VirtualNode, tag: string) => new MeshTaskDefinition(this, `${node.node.id}Task`, {
      virtualNode: node,
      appContainers: [{ name: 'checkout', image: `public.ecr.aws/example/checkout:${tag}`, ports: [8080] }],
    });
    this.v1Task = checkoutTask(this.v1, '1.0');
    this.v2Task = checkoutTask(this.v2, '2.0');
  }
}

/** Builds the example into an app at a step (default: the step in the app's `rolloutStep` context, or `canary`). */
export function buildCanaryRollout(app: App, step?: string): CanaryRolloutStack {
  return new CanaryRolloutStack(app, 'CanaryRollout', {
    env: { account: '111122223333', region: 'us-east-1' },
    step: step ?? app.node.tryGetContext('rolloutStep') ?? 'canary',
  });
}
