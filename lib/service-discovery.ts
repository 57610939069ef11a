import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { ServiceDiscoveryModel } from './model/spec';
import { resourceNameOf } from './private/render';

/**
 * Which IP versions Envoy resolves and binds. Leaving it unset is its own behaviour
 * (Envoy prefers IPv6 for DNS, uses IPv4 locally), not the same as `IPv6_PREFERRED`.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/mesh-ipv6.html
 */
export enum IpPreference {
  /** Only IPv4 addresses. */
  IPV4_ONLY = 'IPv4_ONLY',
  /** IPv4 first, IPv6 as a fallback. */
  IPV4_PREFERRED = 'IPv4_PREFERRED',
  /** Only IPv6 addresses. */
  IPV6_ONLY = 'IPv6_ONLY',
  /** IPv6 first, IPv4 as a fallback. */
  IPV6_PREFERRED = 'IPv6_PREFERRED',
}

/** How DNS service discovery answers. */
export enum DnsResponseType {
  /** One load-balanced address (the App Mesh default; required for Route 53). */
  LOAD_BALANCER = 'LOADBALANCER',
  /** Every endpoint: lets Envoy balance across hosts and eject outliers. */
  ENDPOINTS = 'ENDPOINTS',
}

/**
 * How other nodes find a virtual node: DNS or AWS Cloud Map.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export abstract class ServiceDiscovery {
  /**
   * Discovery through a DNS hostname.
   * @param hostname the DNS name of the node's tasks or load balancer
   * @param responseType one load-balanced address or every endpoint (default: LOAD_BALANCER, as in App Mesh)
   * @param ipPreference which IP versions Envoy uses for the node's addresses (default: the mesh's IP preference)
   */
  public static dns(hostname: string, responseType?: DnsResponseType, ipPreference?: IpPreference): ServiceDiscovery {
    return new ModelServiceDiscovery({ dns: { hostname, responseType, ipPreference } });
  }

  /**
   * Discovery through an AWS Cloud Map service (its namespace must be an HTTP or DNS namespace).
   * @param service the Cloud Map service the node's tasks register in
   * @param instanceAttributes only instances with all of these attributes are used (default: all instances)
   * @param ipPreference which IP versions Envoy uses for the node's addresses (default: the mesh's IP preference)
   */
  public static cloudMap(service: servicediscovery.IService, instanceAttributes?: { [key: string]: string },
    ipPreference?: IpPreference): ServiceDiscovery {
    // Plain JavaScript may pass nothing or another object: the names become InvalidInputs the rules report.
    const expected = 'a Cloud Map service (servicediscovery.Service, or namespace.createService(...))';
    const namespace = typeof service === 'object' && service !== null ? service.namespace : undefined;
    return ServiceDiscovery.cloudMapByName(resourceNameOf(namespace, 'namespaceName', expected) as string,
      resourceNameOf(service, 'serviceName', expected) as string, instanceAttributes, ipPreference);
  }

  /**
   * Discovery through an AWS Cloud Map service known by its names (for example one from another stack).
   * @param namespaceName the name of the Cloud Map namespace
   * @param serviceName the name of the Cloud Map service in that namespace
   * @param instanceAttributes only instances with all of these attributes are used (default: all instances)
   * @param ipPreference which IP versions Envoy uses for the node's addresses (default: the mesh's IP preference)
   */
  public static cloudMapByName(namespaceName: string, serviceName: string, instanceAttributes?: { [key: string]: string },
    ipPreference?: IpPreference): ServiceDiscovery {
    const attributes = instanceAttributes && typeof instanceAttributes === 'object'
      ? Object.keys(instanceAttributes).map((key) => ({ key, value: instanceAttributes[key] }))
      : undefined;
    return new ModelServiceDiscovery({
      awsCloudMap: { namespaceName, serviceName, attributes: attributes?.length ? attributes : undefined, ipPreference },
    });
  }

  /** @internal */
  public abstract _toModel(): ServiceDiscoveryModel;
}

class ModelServiceDiscovery extends ServiceDiscovery {
  constructor(private readonly model: ServiceDiscoveryModel) {
    super();
  }

  public _toModel(): ServiceDiscoveryModel {
    return this.model;
  }
}
