import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { RegisterTaskDefinitionInput } from './task-model';

/**
 * The APPMESH proxy configuration from the task model, resolved at synth (listener ports may be
 * added after the task). Unlike aws-ecs' AppMeshProxyConfiguration it accepts IgnoredUID 0.
 */
export class ModelProxyConfiguration extends ecs.ProxyConfiguration {
  constructor(private readonly proxy: () => RegisterTaskDefinitionInput['proxyConfiguration']) {
    super();
  }

  public bind(_scope: Construct, _taskDefinition: ecs.TaskDefinition): ecs.CfnTaskDefinition.ProxyConfigurationProperty {
    const proxy = this.proxy();
    return {
      type: proxy!.type,
      containerName: proxy!.containerName,
      proxyConfigurationProperties: proxy!.properties,
    };
  }
}
