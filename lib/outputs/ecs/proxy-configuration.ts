import { Lazy } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { ENVOY_CONTAINER, RegisterTaskDefinitionInput } from '../../model/ecs-task';

/**
 * The APPMESH proxy configuration from the task model, resolved at synth (listener ports may be
 * added after the task). Unlike aws-ecs' AppMeshProxyConfiguration it accepts IgnoredUID 0.
 */
export class ModelProxyConfiguration extends ecs.ProxyConfiguration {
  constructor(private readonly properties: () => NonNullable<RegisterTaskDefinitionInput['proxyConfiguration']>['properties']) {
    super();
  }

  /** aws-ecs binds when the task definition is constructed: the properties are produced at synth. */
  public bind(_scope: Construct, _taskDefinition: ecs.TaskDefinition): ecs.CfnTaskDefinition.ProxyConfigurationProperty {
    return {
      type: 'APPMESH',
      containerName: ENVOY_CONTAINER,
      proxyConfigurationProperties: Lazy.any({ produce: () => this.properties() }),
    };
  }
}
