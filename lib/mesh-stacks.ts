import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Mesh, MeshProps } from './mesh';
import { MeshGraph } from './model/mesh-graph';
import { MeshRegistry } from './model/registry';
import { ResourceKind } from './model/spec';
import { StackPlacement } from './private/stack-placement';
import { Diagnostic } from './rules/diagnostic';
import { Findings } from './rules/findings';
import { renderValue } from './rules/format';
import { MeshKitError } from './rules/mesh-kit-error';
import { reportAtSynth } from './rules/synth-report';

/**
 * Properties of MeshStacks.
 */
export interface MeshStacksProps {
  /**
   * The mesh (its name, egress filter, IP preference, tags).
   * @default - a mesh with Mesh's defaults
   */
  readonly meshProps?: MeshProps;

  /**
   * Properties of every stack (environment, tags, synthesizer, termination protection). A
   * `stackName` becomes the prefix of each stack's name.
   * @default - CDK's defaults; stack names come from the construct path
   */
  readonly stackProps?: StackProps;

  /**
   * How many services one stack of a layer holds. A stack of the routing layer holds a service's
   * router, routes and virtual service: with 80 services and up to 6 resources each it stays
   * under CloudFormation's 500. Lower it for services with many routes; synthesis says when a
   * stack breaks a quota.
   * @default 80
   */
  readonly servicesPerStack?: number;
}

const DEFAULT_SERVICES_PER_STACK = 80;

/** A layer of a spread mesh: the kinds it holds, created after the layers before it. */
interface Layer {
  readonly name: string;
  readonly kinds: readonly ResourceKind[];
  /** The method that gives its scopes, for messages. */
  readonly method: string;
}

const NODES: Layer = { name: 'Nodes', kinds: ['virtualNode'], method: 'nodeScope' };
const ROUTING: Layer = { name: 'Routing', kinds: ['virtualRouter', 'route', 'virtualService'], method: 'routingScope' };
const GATEWAYS: Layer = { name: 'Gateways', kinds: ['virtualGateway', 'gatewayRoute'], method: 'gatewayScope' };
const LAYERS = [NODES, ROUTING, GATEWAYS];

/**
 * One mesh spread over as many stacks as it needs, so that meshes larger than CloudFormation's
 * quotas (500 resources and 1 MB of template per stack, about 120 services) deploy.
 *
 * The mesh has a stack of its own. Its other resources go into three layers of stacks, created
 * in order: virtual nodes, then routing (virtual routers, routes, virtual services), then
 * gateways (virtual gateways, gateway routes). A route or a virtual service only ever needs
 * resources of an earlier layer or of its own stack, so the stack dependencies CloudFormation
 * needs for creation order never form a cycle, whatever calls what. Resources name each other by
 * plain names: no stack exports anything.
 *
 * Within a layer, a service's stack is chosen from a hash of its key, up to `servicesPerStack`
 * services per stack: the same code places every service in the same stack each time, and
 * services added later never move the ones placed before them. The Envoy, ECS and other outputs
 * are those of the same mesh in one stack.
 *
 * @example
 * const spread = new MeshStacks(app, 'Shop', { meshProps: { meshName: 'shop' } });
 * const node = new VirtualNode(spread.nodeScope('catalog'), 'Node', { mesh: spread.mesh });
 * const router = new VirtualRouter(spread.routingScope('catalog'), 'Router', { mesh: spread.mesh });
 */
export class MeshStacks extends Construct {
  /** The mesh, alone in its stack. */
  public readonly mesh: Mesh;

  /** The stack of the mesh, which every other stack of the spread depends on. */
  public readonly meshStack: Stack;

  private readonly stackProps: StackProps;
  private readonly placements: Map<Layer, StackPlacement>;
  private readonly layerStacks = new Map<string, Stack>();
  /** Each service's scope in each layer, by construct path. */
  private readonly scopes = new Map<string, { readonly scope: Construct; readonly layer: Layer }>();
  private readonly servicesPerStack: unknown;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param givenProps the mesh, the properties of every stack, and how many services a stack holds
   */
  constructor(scope: Construct, id: string, givenProps: MeshStacksProps = {}) {
    super(scope, id);
    // Plain JavaScript may pass null, which a default parameter does not replace.
    const props: MeshStacksProps = givenProps ?? {};
    this.stackProps = props.stackProps ?? {};
    this.servicesPerStack = props.servicesPerStack;
    const capacity = isCapacity(props.servicesPerStack) ? props.servicesPerStack : DEFAULT_SERVICES_PER_STACK;
    this.placements = new Map(LAYERS.map((layer) => [layer, new StackPlacement(capacity)]));
    this.meshStack = this.newStack('Mesh');
    this.mesh = new Mesh(this.meshStack, 'Mesh', props.meshProps);
    reportAtSynth(this, () => this.diagnostics());
  }

  /**
   * The scope for a service's virtual nodes (the first layer). One key, one scope.
   * @param serviceKey names the service: a non-empty string without `/`, the same in every layer
   */
  public nodeScope(serviceKey: string): Construct {
    return this.scopeOf(NODES, serviceKey);
  }

  /**
   * The scope for a service's virtual routers, routes and virtual services (the second layer). One key, one scope.
   * @param serviceKey names the service: a non-empty string without `/`, the same in every layer
   */
  public routingScope(serviceKey: string): Construct {
    return this.scopeOf(ROUTING, serviceKey);
  }

  /**
   * The scope for virtual gateways and their gateway routes (the third layer). One key, one scope.
   * @param gatewayKey names the gateway: a non-empty string without `/`
   */
  public gatewayScope(gatewayKey: string): Construct {
    return this.scopeOf(GATEWAYS, gatewayKey);
  }

  /** Every stack of the spread: the mesh's first, then each layer's in the order they were made. */
  public get stacks(): Stack[] {
    return [this.meshStack, ...this.layerStacks.values()];
  }

  private scopeOf(layer: Layer, key: string): Construct {
    checkKey(this, layer, key);
    const bucket = this.placements.get(layer)!.bucketOf(key);
    const stackId = bucket === '' ? layer.name : `${layer.name}-${bucket}`;
    let stack = this.layerStacks.get(stackId);
    if (stack === undefined) {
      stack = this.newStack(stackId);
      this.layerStacks.set(stackId, stack);
    }
    const path = `${stack.node.path}/${key}`;
    let entry = this.scopes.get(path);
    if (entry === undefined) {
      entry = { scope: new Construct(stack, key), layer };
      this.scopes.set(path, entry);
    }
    return entry.scope;
  }

  /** The service scope a construct path lies in, if any. */
  private scopeAt(path: string): { readonly scope: Construct; readonly layer: Layer } | undefined {
    for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
      const entry = this.scopes.get(path.slice(0, end));
      if (entry !== undefined) return entry;
    }
    return undefined;
  }

  private newStack(id: string): Stack {
    const prefix = this.stackProps.stackName;
    return new Stack(this, id, { ...this.stackProps, stackName: prefix === undefined ? undefined : `${prefix}-${id}` });
  }

  /** A resource in the scope of another layer could make stacks depend on each other both ways. */
  private diagnostics(): Diagnostic[] {
    const findings = new Findings(this.node.path);
    if (this.servicesPerStack !== undefined && !isCapacity(this.servicesPerStack)) {
      findings.add('AMK_SPREAD_CAPACITY', 'servicesPerStack', this.servicesPerStack,
        `a stack holds a whole number of services from 1 to 500; ${DEFAULT_SERVICES_PER_STACK} were used instead`,
        'set servicesPerStack to a whole number from 1 to 500, or leave it out');
    }
    const diagnostics = findings.diagnostics;
    for (const member of MeshGraph.current(MeshRegistry.of(this.mesh)).members()) {
      const entry = this.scopeAt(member.path);
      const kind = member.kind;
      if (entry === undefined || entry.layer.kinds.includes(kind)) continue;
      const home = LAYERS.find((layer) => layer.kinds.includes(kind))!;
      const memberFindings = new Findings(member.path);
      memberFindings.add('AMK_SPREAD_LAYER', 'scope', entry.scope.node.path,
        `a ${kind} belongs in the ${home.name} layer, not the ${entry.layer.name} layer: stacks of one layer `
          + 'may only depend on earlier layers, or CloudFormation could need two stacks each created before the other',
        `create it in MeshStacks.${home.method}(key)`);
      diagnostics.push(...memberFindings.diagnostics);
    }
    return diagnostics;
  }
}

function isCapacity(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 500;
}

/** A service key names a construct in its stack: a non-empty string without `/`. */
function checkKey(spread: MeshStacks, layer: Layer, key: unknown): void {
  if (typeof key === 'string' && key.length > 0 && !key.includes('/')) return;
  throw new MeshKitError({
    code: 'AMK_SPREAD_SERVICE_KEY',
    constructPath: spread.node.path,
    field: `${layer.method}(serviceKey)`,
    value: renderValue(key),
    message: 'a service key names the service\'s construct in its stack, and a construct id is a non-empty string without "/"',
    fix: 'pass a stable name of the service, such as its virtual node or virtual service name',
  });
}
