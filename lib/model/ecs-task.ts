/**
 * The model of an ECS task definition: what the ECS output builds and the ECS rules check.
 * Plain data in the ECS API's own shape.
 */

/** The Envoy sidecar's container name (the proxy configuration names it). */
export const ENVOY_CONTAINER = 'envoy';

/**
 * The ECS `RegisterTaskDefinition` input, as far as these tasks use it (the API's own field
 * names and shapes; the tests check it against `@aws-sdk/client-ecs`'s input type).
 */
export interface RegisterTaskDefinitionInput {
  family: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  networkMode: 'awsvpc';
  requiresCompatibilities: ('FARGATE' | 'EC2')[];
  cpu: string;
  memory: string;
  proxyConfiguration?: { type: 'APPMESH'; containerName: string; properties: { name: string; value: string }[] };
  containerDefinitions: ContainerDefinition[];
}

export interface ContainerDefinition {
  name: string;
  image: string;
  essential: boolean;
  user?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  command?: string[];
  environment?: { name: string; value: string }[];
  portMappings?: { containerPort: number; protocol: 'tcp' | 'udp' }[];
  healthCheck?: { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
  ulimits?: { name: 'nofile'; softLimit: number; hardLimit: number }[];
  dependsOn?: { containerName: string; condition: 'START' | 'HEALTHY' }[];
  logConfiguration?: { logDriver: 'awslogs'; options: Record<string, string> };
}

/** What the task builder needs besides the options. */
export interface TaskContext {
  readonly kind: 'virtualNode' | 'virtualGateway';
  readonly meshName: string;
  readonly name: string;
  /** Region of the task (image registry, logs); undefined when not known. */
  readonly region?: string;
  /** Listener ports of the node or gateway. */
  readonly listenerPorts: number[];
  /** Ports the listeners' health checks use, where they name one. */
  readonly healthCheckPorts?: number[];
  /** App Mesh mode: the Envoy image's environment (from EnvoyConfig.appMeshEnvironment). */
  readonly envoyEnvironment?: Record<string, string>;
  /** Whether the node's or gateway's TLS names an SDS secret (a certificate or trust from `TlsCertificate.sds`). */
  readonly usesSds?: boolean;
  /** Standalone mode: the compiled configuration. */
  readonly standaloneYaml?: string;
  readonly logGroupName: string;
  /** Region of the log group (the stack's); undefined when not known. */
  readonly logRegion?: string;
  readonly taskRoleArn?: string;
  readonly executionRoleArn?: string;
}
