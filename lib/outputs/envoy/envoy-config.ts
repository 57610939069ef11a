import { Stack } from 'aws-cdk-lib';
import { appMeshBootstrap } from './bootstrap';
import { toJson, toYaml } from './emit';
import { appMeshEnvironment } from './environment';
import { AppMeshEnvoyOptions } from './envoy-options';
import { proxyIdentity, requireProxiedResource } from './identity';
import { compileStandalone } from './standalone/compiler';
import { StandaloneEnvoyOptions } from './standalone-options';
import { IEnvoyProxiedResource, ProxyKind } from '../../envoy-proxied-resource';
import { IMesh } from '../../mesh';
import { MeshView } from './standalone/mesh-view';
import { wholeMeshGraph } from '../../model/mesh-group';
import { MeshRegistry } from '../../model/registry';
import { Diagnostic } from '../../rules/diagnostic';
import { envoyOptionRules } from '../../rules/envoy/options';
import { MeshKitError, throwFirstError } from '../../rules/mesh-kit-error';
// Registers the envoy/ files as an output of every mesh.
import './assembly-output';

/**
 * An Envoy configuration for one virtual node or virtual gateway, from the mesh model:
 * the App Mesh bootstrap, or a complete static configuration that runs without App Mesh.
 * Output is deterministic: the same app gives byte-identical JSON and YAML.
 */
export class EnvoyConfig {
  /**
   * The bootstrap the App Mesh Envoy image builds from its environment, for these options.
   * Works for imported resources too (only names are needed).
   * @param resource the virtual node or virtual gateway the Envoy proxy runs for
   * @param options the Envoy environment variables to build the bootstrap for
   */
  public static appMesh(resource: IEnvoyProxiedResource, options: AppMeshEnvoyOptions = {}): EnvoyConfig {
    // Plain JavaScript may pass null options, which a default parameter does not replace.
    const o = options ?? {};
    const identity = proxyIdentity(resource, o.region);
    throwFirstError(envoyOptionRules(resource.node.path, o, undefined));
    return new EnvoyConfig(resource.node.path, kindOf(identity.kind), identity.name, appMeshBootstrap(identity, o));
  }

  /**
   * The container environment of the App Mesh Envoy image for the same options as `appMesh`:
   * a task definition and its bootstrap built from one set of options cannot disagree.
   * @param resource the virtual node or virtual gateway the Envoy proxy runs for
   * @param options the Envoy environment variables to set, the same options as `appMesh`
   */
  public static appMeshEnvironment(resource: IEnvoyProxiedResource, options: AppMeshEnvoyOptions = {}): { [name: string]: string } {
    const o = options ?? {};
    const identity = proxyIdentity(resource, o.region);
    throwFirstError(envoyOptionRules(resource.node.path, o, undefined));
    return appMeshEnvironment(identity, o);
  }

  /**
   * A complete static configuration: listeners, routes, clusters, TLS, retries, timeouts, outlier
   * detection, circuit breakers and access logs compiled from the mesh model. Needs the resource
   * and everything it reaches (backends, routers, targets) to be defined in this app.
   * @param resource the virtual node or virtual gateway the Envoy proxy runs for, defined in this app
   * @param options admin port, log level, tracing and the other Envoy settings
   */
  public static standalone(resource: IEnvoyProxiedResource, options: StandaloneEnvoyOptions = {}): EnvoyConfig {
    requireProxiedResource(resource, 'EnvoyConfig.standalone');
    throwFirstError(envoyOptionRules(resource.node.path, undefined, options));
    return EnvoyConfig._standaloneIn(new MeshView(wholeMeshGraph(MeshRegistry.of(resource.mesh))), resource, options ?? {});
  }

  /**
   * Standalone configurations for every virtual node and virtual gateway this app defines in the
   * mesh, in construct-path order. The mesh is read once, so this grows linearly with the mesh.
   * @param mesh the mesh whose virtual nodes and virtual gateways get a configuration
   * @param options the Envoy settings every configuration shares
   */
  public static standaloneForMesh(mesh: IMesh, options: StandaloneEnvoyOptions = {}): MeshEnvoyConfigs {
    const registry = MeshRegistry.of(mesh);
    // This mesh object's nodes and gateways, compiled against the whole mesh (its other mesh objects define services they call).
    const view = new MeshView(wholeMeshGraph(registry));
    const proxies = view.graph.proxiesDefinedThrough(registry);
    const configs: EnvoyConfig[] = [];
    const diagnostics: Diagnostic[] = envoyOptionRules(mesh.node.path, undefined, options);
    if (diagnostics.length > 0) return { configs, diagnostics };
    // Code-point order: the same on every machine, whatever its locale.
    for (const proxy of proxies.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      try {
        const resolved = view.use(proxy);
        configs.push(new EnvoyConfig(proxy.path, kindOf(resolved.model.kind), resolved.model.name, compileStandalone(view, resolved, options ?? {})));
      } catch (error) {
        if (!(error instanceof MeshKitError)) throw error;
        diagnostics.push(error.diagnostic);
      }
    }
    return { configs, diagnostics };
  }

  /** A standalone configuration from an already built view of the mesh (one view serves every resource). @internal */
  public static _standaloneIn(view: MeshView, resource: IEnvoyProxiedResource, options: StandaloneEnvoyOptions = {}): EnvoyConfig {
    const name = Stack.of(resource).resolve(resource.proxyName);
    const found = view.get(resource.proxyKind, name);
    if (!found) {
      throw new MeshKitError({
        code: 'AMK_ENVOY_UNRESOLVABLE',
        constructPath: resource.node.path,
        field: 'resource',
        message: 'a standalone configuration is compiled from the resource\'s definition, and an imported resource has none',
        fix: 'pass a VirtualNode or VirtualGateway this app defines',
      });
    }
    return new EnvoyConfig(resource.node.path, resource.proxyKind, found.model.name, compileStandalone(view, found, options));
  }

  private constructor(
    /** Construct path of the virtual node or gateway this configuration is for. */
    public readonly constructPath: string,
    /** Whether the configuration is for a virtual node or a virtual gateway. */
    public readonly resourceKind: ProxyKind,
    /** The name of the virtual node or virtual gateway. */
    public readonly resourceName: string,
    private readonly config: Record<string, unknown>,
  ) {}

  /** The configuration as a JSON-compatible object (a fresh copy). */
  public toObject(): { [key: string]: any } {
    return JSON.parse(JSON.stringify(this.config));
  }

  /** The configuration as JSON. */
  public toJson(): string {
    return toJson(this.config);
  }

  /** The configuration as YAML. */
  public toYaml(): string {
    return toYaml(this.config);
  }
}

/**
 * Standalone configurations of a whole mesh: one for every virtual node and gateway that can
 * have one, and a diagnostic for each that cannot (for example an ACM certificate, which only
 * App Mesh can hand to Envoy).
 */
export interface MeshEnvoyConfigs {
  /** The configurations, in construct-path order (by code point). */
  readonly configs: EnvoyConfig[];
  /** Why the other nodes and gateways have none. */
  readonly diagnostics: Diagnostic[];
}

function kindOf(kind: string): ProxyKind {
  return kind === 'virtualGateway' ? ProxyKind.VIRTUAL_GATEWAY : ProxyKind.VIRTUAL_NODE;
}
