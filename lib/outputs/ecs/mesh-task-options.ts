import { AppMeshEnvoyOptions } from '../envoy/envoy-options';
import { StandaloneEnvoyOptions } from '../envoy/standalone-options';

/**
 * How the Envoy sidecar gets its configuration.
 */
export enum EnvoyMode {
  /** The App Mesh Envoy image, configured by the App Mesh control plane. */
  APP_MESH = 'app-mesh',
  /** Plain Envoy with the standalone configuration compiled from the mesh model (no App Mesh). */
  STANDALONE = 'standalone',
}

/**
 * Where the task runs.
 */
export enum MeshTaskCompatibility {
  /** AWS Fargate. */
  FARGATE = 'FARGATE',
  /** Amazon EC2 container instances (awsvpc networking). */
  EC2 = 'EC2',
}

/**
 * An application container of a virtual node's task.
 */
export interface MeshAppContainer {
  /** Container name (unique in the task, not the Envoy container's name). */
  readonly name: string;
  /** Container image, for example `public.ecr.aws/nginx/nginx:1.27`. */
  readonly image: string;
  /**
   * TCP ports the application listens on; every listener port of the virtual node must be one.
   * @default - none
   */
  readonly ports?: number[];
  /**
   * Environment variables.
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * User (and group) the container runs as; never the proxy's ignored UID.
   * @default - the image's user
   */
  readonly user?: string;
  /**
   * Command.
   * @default - the image's command
   */
  readonly command?: string[];
  /**
   * CPU units.
   * @default - no reservation of its own
   */
  readonly cpu?: number;
  /**
   * Hard memory limit in MiB.
   * @default - no limit of its own
   */
  readonly memoryLimitMiB?: number;
  /**
   * Soft memory limit in MiB.
   * @default - none
   */
  readonly memoryReservationMiB?: number;
  /**
   * Whether the task stops when this container stops.
   * @default true
   */
  readonly essential?: boolean;
}

/**
 * The task around an Envoy proxy: what runs, how traffic is redirected, how it logs.
 */
export interface MeshTaskOptions {
  /**
   * Task definition family.
   * @default - `<mesh>-<resource>`
   */
  readonly family?: string;
  /**
   * Fargate or EC2.
   * @default MeshTaskCompatibility.FARGATE
   */
  readonly compatibility?: MeshTaskCompatibility;
  /**
   * Task CPU units.
   * @default 512
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB (App Mesh recommends at least 1024 on Fargate).
   * @default 1024
   */
  readonly memoryMiB?: number;
  /**
   * The application containers (virtual nodes only; a gateway task runs Envoy alone).
   * @default - none
   */
  readonly appContainers?: MeshAppContainer[];
  /**
   * App Mesh or standalone Envoy.
   * @default EnvoyMode.APP_MESH
   */
  readonly envoyMode?: EnvoyMode;
  /**
   * Options of the App Mesh Envoy (App Mesh mode): they give its environment.
   * @default - the image's defaults, the stack's Region
   */
  readonly envoyOptions?: AppMeshEnvoyOptions;
  /**
   * Options of the standalone configuration (standalone mode).
   * @default - defaults of StandaloneEnvoyOptions
   */
  readonly standaloneOptions?: StandaloneEnvoyOptions;
  /**
   * The Envoy image.
   * @default - App Mesh mode: the App Mesh Envoy image v1.29.12.3-prod of the Region's App Mesh
   * account; standalone mode: envoyproxy/envoy:v1.40.0
   */
  readonly envoyImage?: string;
  /**
   * Envoy container memory in MiB.
   * @default 512
   */
  readonly envoyMemoryMiB?: number;
  /**
   * Envoy container CPU units.
   * @default 256
   */
  readonly envoyCpu?: number;
  /**
   * Run an X-Ray daemon sidecar and turn on Envoy's X-Ray tracing.
   * @default false
   */
  readonly xrayDaemon?: boolean;
  /**
   * UID whose traffic the proxy does not redirect: the Envoy container runs as it. 0 is allowed.
   * @default 1337
   */
  readonly ignoredUid?: number;
  /**
   * GID whose traffic the proxy does not redirect.
   * @default - none
   */
  readonly ignoredGid?: number;
  /**
   * Destinations outbound traffic to which bypasses Envoy.
   * @default ['169.254.170.2', '169.254.169.254'] (task metadata and instance metadata)
   */
  readonly egressIgnoredIps?: string[];
  /**
   * Ports outbound traffic to which bypasses Envoy (at most 15; 22 always bypasses).
   * @default - none
   */
  readonly egressIgnoredPorts?: number[];
  /**
   * CloudWatch Logs group every container logs to (awslogs driver).
   * @default - `/appmesh-kit/<mesh>/<resource>/<task construct id>` for a MeshTaskDefinition,
   * `/appmesh-kit/<mesh>/<resource>` for the plain JSON
   */
  readonly logGroupName?: string;
}
