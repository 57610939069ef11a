import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as vpclattice from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { LatticeMatch } from './lattice-match';
import { HEALTHY_HTTP_CODE, LatticeAction, LatticePlan, LatticeTargetGroupPlan, buildLatticePlan } from './lattice-model';
import { renderLatticeSummary } from './lattice-summary';
import { IMesh } from '../../mesh';
import { MeshGraph } from '../../model/mesh-graph';
import { MeshRegistry } from '../../model/registry';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';
import { MeshKitError } from '../../rules/mesh-kit-error';
import { reportAtSynth } from '../../rules/synth-report';
import { IVirtualNode } from '../../virtual-node';
import './assembly-output';

/** The IAM role of a virtual node's tasks, which the Lattice auth policy allows to call the node's backends. */
export interface LatticeCallerRole {
  /** A virtual node of the mesh. */
  readonly virtualNode: IVirtualNode;
  /** The task role its application signs Lattice requests (SigV4) with. */
  readonly role: iam.IRole;
}

/** Props of `MeshLattice`. */
export interface MeshLatticeProps {
  /** The mesh to move to VPC Lattice, as it is when `MeshLattice` is created (create it after the mesh's resources). */
  readonly mesh: IMesh;
  /** The VPC of the ECS tasks: the IP target groups live there, and it is associated with the service network. */
  readonly vpc: ec2.IVpc;
  /**
   * The service network's name: 3–63 characters of lowercase letters, digits and single inner
   * hyphens, not starting with `servicenetwork-` (CloudFormation checks it).
   * @default - the mesh name as a Lattice name (lowercase, `[a-z0-9-]`, 3–63 characters)
   */
  readonly serviceNetworkName?: string;
  /**
   * Whether to associate `vpc` with the service network (clients in it then reach the services).
   * Lattice associates a VPC with one service network at most: say false when `vpc` already has one.
   * @default true
   */
  readonly associateVpc?: boolean;
  /**
   * Security groups of the VPC association (what may send to the service network from the VPC).
   * @default - none
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Whether every Lattice service requires IAM auth (`AWS_IAM`) with an auth policy that allows
   * exactly the nodes that list the virtual service as a backend (by their `callerRoles`). Callers
   * must then sign requests with SigV4: an application change.
   * @default false
   */
  readonly authPolicy?: boolean;
  /**
   * The task role of each calling node, for the auth policy. A caller without a role here is not
   * allowed (AMK_LATTICE_AUTH_CALLER).
   * @default - none
   */
  readonly callerRoles?: LatticeCallerRole[];
  /**
   * Whether each Lattice service takes its virtual service's name as `CustomDomainName`, so
   * callers keep the name they call today. Lattice does not resolve it: point it at the service's
   * generated DNS name (`serviceFor(name).attrDnsEntryDomainName`) with your own Route 53 records.
   * @default false
   */
  readonly customDomainNames?: boolean;
  /**
   * The idle timeout of every Lattice service (`IdleTimeoutSeconds`). cfn-lint 1.51 does not
   * know this field yet (E3002), so it is only set when given.
   * @default - Lattice's default
   */
  readonly idleTimeout?: Duration;
}

/**
 * A mesh on Amazon VPC Lattice, the AWS service that keeps App Mesh's L7 routing: a service
 * network for the mesh, a Lattice service per virtual service, a listener per router (or
 * provider node) listener, a rule per route in App Mesh's order (priorities renumbered 1, 2, …),
 * an IP target group per virtual node listener with the listener's health check. ECS registers
 * the tasks into the target groups: pass `vpcLatticeConfigurations(node, role)` to the ECS service
 * (or call `configureEcsService`).
 *
 * What Lattice cannot match (regex, suffix, range, inverted or presence header matches, query
 * parameters, scheme, PATCH) is not widened: the route gets no rule and `diagnostics` say so
 * (`AMK_LATTICE_*`, also warnings on this construct); a Region without Lattice throws.
 * A request no rule matches gets 404, as App Mesh answers when no route matches.
 *
 * @example
 * const lattice = new MeshLattice(this, 'Lattice', { mesh, vpc });
 * lattice.configureEcsService(service, node, infrastructureRole);
 */
export class MeshLattice extends Construct {
  /** The service network of the mesh. */
  public readonly serviceNetwork: vpclattice.CfnServiceNetwork;
  /** What the mesh loses or risks on Lattice (`AMK_LATTICE_*` warnings). */
  public readonly diagnostics: Diagnostic[];

  private readonly plan: LatticePlan;
  private readonly graph: MeshGraph;
  private readonly targetGroups = new Map<string, vpclattice.CfnTargetGroup>();
  private readonly services = new Map<string, vpclattice.CfnService>();

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the mesh to build on Lattice, its VPC and the options
   */
  constructor(scope: Construct, id: string, props: MeshLatticeProps) {
    super(scope, id);
    const registry = MeshRegistry.of(props.mesh);
    this.graph = MeshGraph.current(registry);
    const region = Stack.of(this).region;
    const planOptions = { region: Token.isUnresolved(region) ? undefined : region, serviceNetworkName: props.serviceNetworkName };
    this.plan = buildLatticePlan(this.graph, planOptions);
    // The resources below are made now, from the mesh as it is; a resource added or changed later would be missing or wrong on Lattice.
    const planned = JSON.stringify(this.plan);
    reportAtSynth(this, () => (JSON.stringify(buildLatticePlan(MeshGraph.current(registry), planOptions)) === planned ? [] : [{
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_LATTICE_MESH_CHANGED',
      constructPath: this.node.path,
      field: 'mesh',
      value: props.mesh.node.path,
      message: 'the mesh changed after MeshLattice was created, and its Lattice resources were planned from the mesh as it was then',
      fix: 'create MeshLattice after every resource, route and backend of the mesh is added and configured',
    }]));
    const error = this.plan.diagnostics.find((d) => d.severity === DiagnosticSeverity.ERROR);
    if (error) throw new MeshKitError(error);
    this.diagnostics = this.plan.diagnostics;
    for (const d of this.diagnostics) Annotations.of(this).addWarningV2(d.code, `${d.constructPath} ${d.field}: ${d.message}. ${d.fix}`);

    this.serviceNetwork = new vpclattice.CfnServiceNetwork(this, 'ServiceNetwork', { name: this.plan.serviceNetworkName });
    if (props.associateVpc ?? true) {
      new vpclattice.CfnServiceNetworkVpcAssociation(this, 'VpcAssociation', {
        serviceNetworkIdentifier: this.serviceNetwork.attrArn,
        vpcIdentifier: props.vpc.vpcId,
        securityGroupIds: props.securityGroups?.map((g) => g.securityGroupId),
      });
    }
    for (const tg of this.plan.targetGroups) this.targetGroups.set(tg.key, this.renderTargetGroup(tg, props.vpc));

    const roles = new Map((props.callerRoles ?? []).map((c) => [c.virtualNode.node.path, c.role]));
    for (const service of this.plan.services) {
      const cfn = new vpclattice.CfnService(this, `Service-${service.name}`, {
        name: service.name,
        authType: props.authPolicy ? 'AWS_IAM' : 'NONE',
        customDomainName: props.customDomainNames ? service.virtualServiceName : undefined,
        ...props.idleTimeout ? { idleTimeoutSeconds: props.idleTimeout.toSeconds() } : {},
      });
      this.services.set(service.virtualServiceName, cfn);
      new vpclattice.CfnServiceNetworkServiceAssociation(this, `Association-${service.name}`, {
        serviceNetworkIdentifier: this.serviceNetwork.attrArn,
        serviceIdentifier: cfn.attrArn,
      });
      for (const listener of service.listeners) {
        const cfnListener = new vpclattice.CfnListener(cfn, `Listener-${listener.name}`, {
          name: listener.name,
          serviceIdentifier: cfn.attrArn,
          port: listener.port,
          protocol: listener.protocol,
          defaultAction: this.renderAction(listener.defaultAction),
        });
        for (const rule of listener.rules) {
          new vpclattice.CfnRule(cfnListener, `Rule-${rule.name}`, {
            name: rule.name,
            serviceIdentifier: cfn.attrArn,
            listenerIdentifier: cfnListener.attrArn,
            priority: rule.priority,
            match: { httpMatch: renderMatch(rule.match) },
            action: this.renderAction(rule.action),
          });
        }
      }
      if (props.authPolicy) this.renderAuthPolicy(cfn, service.constructPath, service.callers, roles);
    }
  }

  /**
   * The ARN of the target group of a virtual node's listener, for the ECS service's
   * `vpcLatticeConfigurations`.
   * @param virtualNode the virtual node whose listener the target group serves
   * @param port the listener port, only needed when the node has several http/http2/grpc listeners
   */
  public targetGroupArn(virtualNode: IVirtualNode, port?: number): string {
    return this.targetGroupOf(virtualNode, port).cfn.attrArn;
  }

  /**
   * The ECS `vpcLatticeConfigurations` of a virtual node's ECS service: one per http/http2/grpc
   * listener, with port name `<protocol>-<port>` (name the app container's port mappings so, as
   * `ServiceConnectConfig.portMappings()` does).
   * @param virtualNode the virtual node the ECS service runs
   * @param infrastructureRole the ECS infrastructure role with `AmazonECSInfrastructureRolePolicyForVpcLattice`
   */
  public vpcLatticeConfigurations(virtualNode: IVirtualNode, infrastructureRole: iam.IRole): ecs.CfnService.VpcLatticeConfigurationProperty[] {
    const plans = this.plan.targetGroups.filter((t) => t.constructPath === virtualNode.node.path);
    if (plans.length === 0) this.targetGroupOf(virtualNode, undefined);
    return plans.map((t) => ({
      portName: `${t.protocol}-${t.port}`,
      roleArn: infrastructureRole.roleArn,
      targetGroupArn: this.targetGroups.get(t.key)!.attrArn,
    }));
  }

  /**
   * Sets `vpcLatticeConfigurations` on an ECS service that runs a virtual node (aws-cdk-lib has no L2 property for it).
   * @param service the ECS service that runs the node's tasks
   * @param virtualNode the virtual node the service runs
   * @param infrastructureRole the ECS infrastructure role with `AmazonECSInfrastructureRolePolicyForVpcLattice`
   */
  public configureEcsService(service: ecs.BaseService, virtualNode: IVirtualNode, infrastructureRole: iam.IRole): void {
    (service.node.defaultChild as ecs.CfnService).vpcLatticeConfigurations = this.vpcLatticeConfigurations(virtualNode, infrastructureRole);
  }

  /**
   * The Lattice service of a virtual service.
   * @param virtualServiceName the virtual service's name in the mesh
   * @returns undefined when the virtual service got none (see `diagnostics`)
   */
  public serviceFor(virtualServiceName: string): vpclattice.CfnService | undefined {
    return this.services.get(virtualServiceName);
  }

  /**
   * What was built, as JSON text (two-space indented, one trailing newline; the same as
   * `lattice/<mesh>.json` in the cloud assembly): names, listeners, rules with the App Mesh
   * routes they come from, target groups with their ECS port names, and diagnostics.
   */
  public toJson(): string {
    return renderLatticeSummary(this.plan);
  }

  private targetGroupOf(virtualNode: IVirtualNode, port: number | undefined): { plan: LatticeTargetGroupPlan; cfn: vpclattice.CfnTargetGroup } {
    const plans = this.plan.targetGroups.filter((t) => t.constructPath === virtualNode.node.path && (port === undefined || t.port === port));
    if (plans.length !== 1) {
      throw new MeshKitError({
        code: 'AMK_LATTICE_NO_TARGET_GROUP',
        constructPath: virtualNode.node.path,
        field: 'spec.listeners',
        value: port === undefined ? undefined : String(port),
        message: plans.length === 0
          ? `the node has no Lattice target group${port !== undefined ? ` on port ${port}` : ''} (not in this mesh, imported, or no http/http2/grpc listener there)`
          : `the node has ${plans.length} Lattice target groups (ports ${plans.map((t) => t.port).join(', ')}): say which port`,
        fix: 'Pass a node of the mesh this app defines, and the port of one of its http, http2 or grpc listeners.',
      });
    }
    return { plan: plans[0], cfn: this.targetGroups.get(plans[0].key)! };
  }

  private renderTargetGroup(tg: LatticeTargetGroupPlan, vpc: ec2.IVpc): vpclattice.CfnTargetGroup {
    const hc = tg.healthCheck;
    return new vpclattice.CfnTargetGroup(this, `TargetGroup-${tg.name}`, {
      name: tg.name,
      type: 'IP',
      config: {
        port: tg.port,
        protocol: 'HTTP',
        protocolVersion: tg.protocolVersion,
        vpcIdentifier: vpc.vpcId,
        healthCheck: hc.enabled ? {
          enabled: true,
          protocol: 'HTTP',
          protocolVersion: hc.protocolVersion,
          path: hc.path,
          port: hc.port,
          healthCheckIntervalSeconds: hc.intervalSeconds,
          healthCheckTimeoutSeconds: hc.timeoutSeconds,
          healthyThresholdCount: hc.healthyThreshold,
          unhealthyThresholdCount: hc.unhealthyThreshold,
          matcher: { httpCode: HEALTHY_HTTP_CODE },
        } : { enabled: false },
      },
    });
  }

  private renderAction(action: LatticeAction): vpclattice.CfnRule.ActionProperty & vpclattice.CfnListener.DefaultActionProperty {
    if (action.forward) {
      return {
        forward: {
          targetGroups: action.forward.map((t) => ({ targetGroupIdentifier: this.targetGroups.get(t.targetGroup)!.attrArn, weight: t.weight })),
        },
      };
    }
    return { fixedResponse: { statusCode: action.fixedResponse! } };
  }

  private renderAuthPolicy(service: vpclattice.CfnService, servicePath: string, callers: string[], roles: Map<string, iam.IRole>): void {
    const allowed = callers.filter((c) => roles.has(c));
    for (const caller of callers.filter((c) => !roles.has(c))) {
      const d: Diagnostic = {
        severity: DiagnosticSeverity.WARNING,
        code: 'AMK_LATTICE_AUTH_CALLER',
        constructPath: caller,
        field: 'spec.backends',
        value: JSON.stringify(this.graph.members().find((m) => m.path === servicePath)?.name ?? servicePath),
        message: 'the node calls this virtual service, and no task role was given for it: the auth policy does not allow it',
        fix: 'Pass the node\'s task role in callerRoles: new MeshLattice(this, id, { authPolicy: true, callerRoles: [{ virtualNode, role }] }).',
      };
      this.diagnostics.push(d);
      Annotations.of(this).addWarningV2(d.code, `${d.constructPath} ${d.field}: ${d.message}. ${d.fix}`);
    }
    // No statement allows nobody: with AWS_IAM and no policy Lattice denies every request.
    if (allowed.length === 0) return;
    new vpclattice.CfnAuthPolicy(service, 'AuthPolicy', {
      resourceIdentifier: service.attrArn,
      policy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: allowed.map((c) => roles.get(c)!.roleArn) },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
        }],
      },
    });
  }
}

/** A rule's `HttpMatch`: case-sensitive path and header matches (Lattice's default is case-insensitive; App Mesh's is not). */
function renderMatch(match: LatticeMatch): vpclattice.CfnRule.HttpMatchProperty {
  return {
    method: match.method,
    pathMatch: { caseSensitive: true, match: match.path.exact !== undefined ? { exact: match.path.exact } : { prefix: match.path.prefix ?? '/' } },
    headerMatches: match.headers.length === 0 ? undefined : match.headers.map((h) => ({
      name: h.name,
      caseSensitive: true,
      match: h.exact !== undefined ? { exact: h.exact } : { prefix: h.prefix },
    })),
  };
}
