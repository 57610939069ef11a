import { Duration, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EndpointModel, ServiceConnectModel, buildServiceConnectModel } from './service-connect-model';
import { checkPortNames } from './service-connect-rules';
import { wholeMeshGraph } from '../../model/mesh-group';
import { MeshRegistry } from '../../model/registry';
import { VirtualNodeSpecModel } from '../../model/spec';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';
import { MeshKitError } from '../../rules/mesh-kit-error';
import { IVirtualNode } from '../../virtual-node';
import { IVirtualService } from '../../virtual-service';
import './assembly-output';

/** Options of `ServiceConnectConfig.forVirtualNode`. */
export interface ServiceConnectOptions {
  /**
   * The Cloud Map namespace (name or ARN) the ECS service joins.
   * @default - the node's service discovery: the Cloud Map namespace, or the DNS hostname's domain
   */
  readonly namespace?: string;
  /**
   * The Cloud Map service name ECS creates for the node; with several listeners, each port's
   * service is named `<discoveryName>-<port>`.
   * @default - the Cloud Map service name, or the DNS hostname's first label
   */
  readonly discoveryName?: string;
  /**
   * The log group the Service Connect proxy logs to (awslogs driver). Needed for access logs:
   * without it a node's App Mesh access log is left out (AMK_SC_ACCESS_LOG_DRIVER).
   * @default - no proxy log configuration and no access log
   */
  readonly accessLogGroup?: logs.ILogGroup;
  /**
   * The awslogs stream prefix of the proxy's logs.
   * @default 'service-connect'
   */
  readonly accessLogStreamPrefix?: string;
  /**
   * The idle timeout of every port, in place of the listener's (or the one route's) idle timeout.
   * @default - the listener's, or the route's where one route sends 100 % to the node; else ECS's default
   */
  readonly idleTimeout?: Duration;
  /**
   * The per-request timeout of every HTTP, HTTP/2 and gRPC port (a TCP port takes none: AMK_SC_PER_REQUEST_TCP).
   * @default - the listener's, or the route's where one route sends 100 % to the node; else ECS's default
   */
  readonly perRequestTimeout?: Duration;
  /**
   * Whether the ports get Service Connect TLS where the node's callers trust an ACM Private CA
   * today (a caller's backend or backend-defaults client policy): ECS then has that AWS Private CA
   * issue the ports' certificates (TLS 1.3, one-way: mutual TLS has no Service Connect equivalent).
   * @default true
   */
  readonly tls?: boolean;
  /**
   * The IAM role ECS uses to issue the TLS certificates (`roleArn` of the JSON).
   * @default - no role
   */
  readonly tlsRole?: iam.IRole;

  /**
   * Virtual services this node answers for on Service Connect although App Mesh splits their
   * traffic between nodes (a weighted canary): pass them on the version that stays, and let ECS
   * deployments (canary, linear, blue/green) do the split. Each gets a client alias (its name
   * and the port its callers call), so callers keep the name they call today. A service whose
   * traffic never reaches the node is refused (AMK_SC_TAKE_OVER_NOT_BEHIND).
   * @default - only the services App Mesh sends entirely to the node
   */
  readonly takeOverServices?: IVirtualService[];
}

/** One Service Connect service of a node: one per listener of the node. */
export interface ServiceConnectEndpoint {
  /** The port mapping name (`<protocol>-<port>`, for example `http-9080`). */
  readonly portName: string;
  /** The container port (the listener's port). */
  readonly port: number;
  /** The listener's protocol: http, http2, grpc or tcp. */
  readonly protocol: string;
  /**
   * The port mapping's appProtocol.
   * @default - none: a TCP port
   */
  readonly appProtocol?: string;
  /** The Cloud Map service name ECS creates. */
  readonly discoveryName: string;
  /**
   * The client alias's name: the virtual service name callers use today.
   * @default - no client alias: no virtual service of the mesh can become one
   */
  readonly dnsName?: string;
  /**
   * The client alias's port: the port callers call today.
   * @default - no client alias
   */
  readonly aliasPort?: number;
  /**
   * The idle timeout in seconds.
   * @default - ECS's default (300 s for HTTP, HTTP/2 and gRPC, 3600 s for TCP)
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * The per-request timeout in seconds.
   * @default - ECS's default (15 s); none on a TCP port
   */
  readonly perRequestTimeoutSeconds?: number;
  /**
   * The AWS Private CA that issues the port's TLS certificates.
   * @default - no TLS: the callers trust no ACM Private CA, or `tls: false`
   */
  readonly awsPcaAuthorityArn?: string;
}

/** What a config adds from the options, beyond the model: the proxy's log driver and the TLS role. */
interface Extras {
  readonly driver?: () => ecs.LogDriver;
  readonly logJson?: () => unknown;
  readonly role?: iam.IRole;
  readonly roleArnJson?: () => unknown;
}

function awsLogsDriver(group: logs.ILogGroup, prefix: string): ecs.LogDriver {
  return ecs.LogDrivers.awsLogs({ logGroup: group, streamPrefix: prefix });
}

/**
 * The ECS Service Connect configuration of a virtual node whose app runs as an ECS service:
 * what replaces its Envoy sidecar when the mesh leaves App Mesh.
 *
 * One Service Connect service per listener (port name `<protocol>-<port>`, discovery name from
 * the node's service discovery), with one client alias `dnsName:port` when a virtual service
 * can become one (the node provides it, or a router whose one route sends 100 % to the node),
 * so callers keep the name they call today; appProtocol from the listener's protocol; idle and
 * per-request timeouts from the listener (or that one route); access logs when a log group is
 * given. Give `toServiceConnectProps()` to a `FargateService` or `Ec2Service` and add
 * `portMappings()` to the app container of a plain task definition: no Envoy sidecar, no
 * proxyConfiguration and no App Mesh IAM (Service Connect brings its own proxy).
 *
 * At synth the same configuration is written to `service-connect/<mesh>/<node>.json` in the
 * cloud assembly for every node with listeners (off with context
 * `appmesh-kit:serviceConnectOutput=false`).
 *
 * @example
 * const sc = ServiceConnectConfig.forVirtualNode(node, { accessLogGroup });
 * taskDefinition.addContainer('app', { image, portMappings: sc.portMappings() });
 * new ecs.FargateService(this, 'Service', { cluster, taskDefinition, serviceConnectConfiguration: sc.toServiceConnectProps() });
 */
export class ServiceConnectConfig {
  /**
   * The configuration of a virtual node this app defines, as the mesh is now.
   * @param node a virtual node this app defines (its listeners become the Service Connect services)
   * @param options the namespace, discovery names, access log group and the other Service Connect settings
   */
  public static forVirtualNode(node: IVirtualNode, options: ServiceConnectOptions = {}): ServiceConnectConfig {
    // The whole mesh: callers and aliases may be defined through another mesh object of it.
    const graph = wholeMeshGraph(MeshRegistry.of(node.mesh));
    const member = graph.members<VirtualNodeSpecModel>('virtualNode').find((m) => m.path === node.node.path);
    if (!member) {
      throw new MeshKitError({
        code: 'AMK_SC_NODE_IMPORTED',
        constructPath: node.node.path,
        field: 'virtualNode',
        message: 'a Service Connect configuration is built from the node\'s listeners and service discovery, and an imported node has none here',
        fix: 'Pass a VirtualNode this app defines (mesh.addVirtualNode or new VirtualNode).',
      });
    }
    const opts = options ?? {};
    const model = buildServiceConnectModel(graph, member, {
      namespace: opts.namespace,
      discoveryName: opts.discoveryName,
      hasLogDriver: opts.accessLogGroup !== undefined,
      idleTimeoutSeconds: opts.idleTimeout?.toSeconds(),
      perRequestTimeoutSeconds: opts.perRequestTimeout?.toSeconds(),
      tls: opts.tls,
      takeOverServicePaths: (opts.takeOverServices ?? []).map((service) => service?.node?.path ?? String(service)),
    });
    const group = opts.accessLogGroup;
    const prefix = opts.accessLogStreamPrefix ?? 'service-connect';
    const role = opts.tlsRole;
    return new ServiceConnectConfig(node.node.path, model, {
      driver: group && (() => awsLogsDriver(group, prefix)),
      logJson: group && (() => ({
        logDriver: 'awslogs',
        options: {
          'awslogs-group': member.resolve(group.logGroupName),
          'awslogs-region': member.resolve(Stack.of(group).region),
          'awslogs-stream-prefix': prefix,
        },
      })),
      role,
      roleArnJson: role && (() => member.resolve(role.roleArn)),
    });
  }

  /**
   * The configuration of a node of a resolved graph, with the defaults (the synth-time output).
   * @internal
   */
  public static _fromModel(constructPath: string, model: ServiceConnectModel): ServiceConnectConfig {
    return new ServiceConnectConfig(constructPath, model, {});
  }

  /**
   * The Cloud Map namespace.
   * @default - none: AMK_SC_NAMESPACE, pass one
   */
  public readonly namespace?: string;
  /** One Service Connect service per listener of the node. */
  public readonly endpoints: ServiceConnectEndpoint[];
  /** What Service Connect cannot take as the mesh has it (`AMK_SC_*`); errors make the outputs throw. */
  public readonly diagnostics: Diagnostic[];

  private constructor(
    private readonly constructPath: string,
    private readonly model: ServiceConnectModel,
    private readonly extras: Extras,
  ) {
    this.namespace = model.namespace;
    this.diagnostics = model.diagnostics;
    this.endpoints = model.endpoints.map((e) => ({
      portName: e.portName,
      port: e.port,
      protocol: e.protocol,
      appProtocol: e.appProtocol,
      discoveryName: e.discoveryName,
      dnsName: e.dnsName,
      aliasPort: e.aliasPort,
      idleTimeoutSeconds: e.idleTimeoutSeconds,
      perRequestTimeoutSeconds: e.perRequestTimeoutSeconds,
      awsPcaAuthorityArn: e.pcaArn,
    }));
  }

  /** aws-cdk-lib's Service Connect props, for `FargateService` / `Ec2Service` `serviceConnectConfiguration`. */
  public toServiceConnectProps(): ecs.ServiceConnectProps {
    this.throwOnError();
    const format = this.model.accessLogFormat;
    return {
      namespace: this.model.namespace,
      services: this.model.endpoints.map((e): ecs.ServiceConnectService => ({
        portMappingName: e.portName,
        discoveryName: e.discoveryName,
        dnsName: e.dnsName,
        port: e.aliasPort,
        idleTimeout: e.idleTimeoutSeconds === undefined ? undefined : Duration.seconds(e.idleTimeoutSeconds),
        perRequestTimeout: e.perRequestTimeoutSeconds === undefined ? undefined : Duration.seconds(e.perRequestTimeoutSeconds),
        tls: e.pcaArn === undefined ? undefined : { awsPcaAuthorityArn: e.pcaArn, role: this.extras.role },
      })),
      logDriver: this.extras.driver?.(),
      accessLogConfiguration: format && {
        format: format === 'JSON' ? ecs.ServiceConnectAccessLogFormat.JSON : ecs.ServiceConnectAccessLogFormat.TEXT,
      },
    };
  }

  /** The app container's port mappings Service Connect needs: one per listener, with `name` and `appProtocol`. */
  public portMappings(): ecs.PortMapping[] {
    const appProtocols: Record<string, ecs.AppProtocol> = { http: ecs.AppProtocol.http, http2: ecs.AppProtocol.http2, grpc: ecs.AppProtocol.grpc };
    return this.model.endpoints.map((e) => ({
      name: e.portName,
      containerPort: e.port,
      protocol: ecs.Protocol.TCP,
      appProtocol: e.appProtocol && appProtocols[e.appProtocol],
    }));
  }

  /**
   * The `AMK_SC_PORT_NAME` findings of a task definition: every Service Connect service must
   * name a port mapping of it.
   * @param taskDefinition the task definition of the service (its port mappings must carry the names Service Connect uses)
   */
  public checkTaskDefinition(taskDefinition: ecs.TaskDefinition): Diagnostic[] {
    const names = taskDefinition.node.children.filter((c): c is ecs.ContainerDefinition => c instanceof ecs.ContainerDefinition)
      .flatMap((c) => c.portMappings.map((p) => p.name));
    return checkPortNames(this.constructPath, this.model.endpoints, names);
  }

  /**
   * The plain JSON, for tools other than the CDK: `serviceConnectConfiguration` (the ECS
   * `CreateService` / `UpdateService` field) and `portMappings` (the app container's port
   * mappings of `RegisterTaskDefinition`). Leaves out what cfn-lint 1.51 rejects
   * (`containerConfigurations`).
   */
  public toJson(): any {
    this.throwOnError();
    return serviceConnectJson(this.model, this.extras.logJson?.(), this.extras.roleArnJson?.());
  }

  private throwOnError(): void {
    const error = this.model.diagnostics.find((d) => d.severity === DiagnosticSeverity.ERROR);
    if (error) throw new MeshKitError(error);
  }
}

/** The JSON of a model: `serviceConnectConfiguration` and the port mappings, without undefined fields. */
export function serviceConnectJson(model: ServiceConnectModel, logConfiguration: unknown, tlsRoleArn?: unknown): Record<string, unknown> {
  const service = (e: EndpointModel) => {
    const timeout = {
      ...e.idleTimeoutSeconds !== undefined ? { idleTimeoutSeconds: e.idleTimeoutSeconds } : {},
      ...e.perRequestTimeoutSeconds !== undefined ? { perRequestTimeoutSeconds: e.perRequestTimeoutSeconds } : {},
    };
    return {
      portName: e.portName,
      discoveryName: e.discoveryName,
      ...e.dnsName !== undefined && e.aliasPort !== undefined ? { clientAliases: [{ port: e.aliasPort, dnsName: e.dnsName }] } : {},
      ...Object.keys(timeout).length > 0 ? { timeout } : {},
      ...e.pcaArn !== undefined ? {
        tls: { issuerCertificateAuthority: { awsPcaAuthorityArn: e.pcaArn }, ...tlsRoleArn !== undefined ? { roleArn: tlsRoleArn } : {} },
      } : {},
    };
  };
  const useLogs = logConfiguration !== undefined && model.accessLogFormat !== undefined;
  return {
    serviceConnectConfiguration: {
      enabled: true,
      namespace: model.namespace,
      services: model.endpoints.map(service),
      ...logConfiguration !== undefined ? { logConfiguration } : {},
      ...useLogs ? { accessLogConfiguration: { format: model.accessLogFormat, includeQueryParameters: 'DISABLED' } } : {},
    },
    portMappings: model.endpoints.map((e) => ({
      name: e.portName, containerPort: e.port, protocol: 'tcp', ...e.appProtocol ? { appProtocol: e.appProtocol } : {},
    })),
  };
}
