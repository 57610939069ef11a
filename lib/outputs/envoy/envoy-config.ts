import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { appMeshBootstrap } from './bootstrap';
import { toJson, toYaml } from './emit';
import { appMeshEnvironment } from './environment';
import { EnvoyConfigError } from './envoy-config-error';
import { AppMeshEnvoyOptions } from './envoy-options';
import { proxyIdentity } from './identity';
import { IMesh } from '../../mesh';
import { StandaloneCompiler } from './standalone/compiler';
import { MeshView } from './standalone/mesh-view';
import { StandaloneEnvoyOptions } from './standalone-options';

/**
 * A virtual node or virtual gateway: a resource an Envoy proxy runs as.
 */
export interface IEnvoyProxiedResource extends IConstruct {
  /** The mesh the resource belongs to. */
  readonly mesh: IMesh;
}

/**
 * An Envoy configuration for one virtual node or virtual gateway, from the mesh model:
 * the App Mesh bootstrap, or a complete static configuration that runs without App Mesh.
 * Output is deterministic: the same app gives byte-identical JSON and YAML.
 */
export class EnvoyConfig {
  /**
   * The bootstrap the App Mesh Envoy image builds from its environment, for these options.
   * Works for imported resources too (only names are needed).
   */
  public static appMesh(resource: IEnvoyProxiedResource, options: AppMeshEnvoyOptions = {}): EnvoyConfig {
    const identity = proxyIdentity(resource, options.region);
    return new EnvoyConfig(resource.node.path, appMeshBootstrap(identity, options));
  }

  /**
   * The container environment of the App Mesh Envoy image for the same options as `appMesh`:
   * a task definition and its bootstrap built from one set of options cannot disagree.
   */
  public static appMeshEnvironment(resource: IEnvoyProxiedResource, options: AppMeshEnvoyOptions = {}): { [name: string]: string } {
    return appMeshEnvironment(proxyIdentity(resource, options.region), options);
  }

  /**
   * A complete static configuration: listeners, routes, clusters, TLS, retries, timeouts, outlier
   * detection, circuit breakers and access logs compiled from the mesh model. Needs the resource
   * and everything it reaches (backends, routers, targets) to be defined in this app.
   */
  public static standalone(resource: IEnvoyProxiedResource, options: StandaloneEnvoyOptions = {}): EnvoyConfig {
    return EnvoyConfig._standaloneIn(new MeshView(resource.mesh), resource, options);
  }

  /**
   * Standalone configurations for every virtual node and virtual gateway this app defines in the
   * mesh, in construct-path order. The mesh is read once, so this grows linearly with the mesh.
   */
  public static standaloneForMesh(mesh: IMesh, options: StandaloneEnvoyOptions = {}): EnvoyConfig[] {
    const view = new MeshView(mesh);
    return view.proxies()
      .sort((a, b) => a.member.node.path.localeCompare(b.member.node.path))
      .map((proxy) => EnvoyConfig._standaloneIn(view, proxy.member as unknown as IEnvoyProxiedResource, options));
  }

  /** A standalone configuration from an already built view of the mesh (one view serves every resource). @internal */
  public static _standaloneIn(view: MeshView, resource: IEnvoyProxiedResource, options: StandaloneEnvoyOptions = {}): EnvoyConfig {
    const resolved = view.of(resource);
    if (!resolved || (resolved.model.kind !== 'virtualNode' && resolved.model.kind !== 'virtualGateway')) {
      throw new EnvoyConfigError(resource.node.path, 'resource', undefined,
        'a standalone configuration is compiled from the resource\'s definition, and an imported resource has none',
        'pass a VirtualNode or VirtualGateway this app defines');
    }
    const compiler = new StandaloneCompiler(view, {
      adminPort: options.adminPort ?? 9901,
      ingressPort: options.ingressPort ?? 15000,
      egressPort: options.egressPort ?? 15001,
      sdsSocketPath: options.sdsSocketPath ?? '/run/spire/sockets/agent.sock',
      tracing: options.tracing?._settings,
    });
    const config = resolved.model.kind === 'virtualGateway' ? compiler.compileGateway(resolved) : compiler.compileNode(resolved);
    return new EnvoyConfig(resource.node.path, Stack.of(resource).resolve(config));
  }

  private constructor(
    /** Construct path of the virtual node or gateway this configuration is for. */
    public readonly constructPath: string,
    private readonly config: Record<string, unknown>,
  ) {}

  /** The configuration as a JSON-compatible object (a fresh copy). */
  public toObject(): any {
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
