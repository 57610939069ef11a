import { isInvalidInput } from '../../model/invalid-input';
import { VirtualNodeListenerModel } from '../../model/spec';
import { DiagnosticSeverity } from '../diagnostic';
import { Untrusted, lengthRange, list, oneOf, optional, report, required, requiredStruct, struct } from '../field-rules';
import { ipPreference, resourceName, tags } from './common';
import { uniqueListenerPorts, virtualNodeListener } from './listener';
import { logging } from './logging';
import { clientPolicy } from './tls';

const CLOUD_MAP_ATTRIBUTE_KEY = /^[a-zA-Z0-9!-~]+$/;
const CLOUD_MAP_ATTRIBUTE_VALUE = /^([a-zA-Z0-9!-~][ a-zA-Z0-9!-~]*){0,1}[a-zA-Z0-9!-~]{0,1}$/;

const pattern = (code: string, what: string, regex: RegExp) => (v: string) => (regex.test(v) ? undefined : {
  code, message: `${what} must match ${regex.source}`, fix: `use printable ASCII characters in ${what}`,
});

const serviceDiscovery = struct('service discovery', {
  dns: struct('DNS service discovery', {
    hostname: required('DNS hostname', lengthRange('AMK_DNS_HOSTNAME', 'DNS hostname', 1, 255)),
    responseType: optional('DNS response type', oneOf('AMK_ENUM', 'DNS response type', ['LOADBALANCER', 'ENDPOINTS'])),
    ipPreference,
  }),
  awsCloudMap: struct('Cloud Map service discovery', {
    namespaceName: required('Cloud Map namespace name', lengthRange('AMK_CLOUD_MAP_NAME', 'Cloud Map namespace name', 1, 1024)),
    serviceName: required('Cloud Map service name', lengthRange('AMK_CLOUD_MAP_NAME', 'Cloud Map service name', 1, 1024)),
    attributes: list('Cloud Map attributes', struct('Cloud Map attribute', {
      key: required('Cloud Map attribute key', lengthRange('AMK_CLOUD_MAP_ATTRIBUTE', 'Cloud Map attribute key', 1, 255),
        pattern('AMK_CLOUD_MAP_ATTRIBUTE', 'Cloud Map attribute key', CLOUD_MAP_ATTRIBUTE_KEY)),
      value: required('Cloud Map attribute value', lengthRange('AMK_CLOUD_MAP_ATTRIBUTE', 'Cloud Map attribute value', 1, 1024),
        pattern('AMK_CLOUD_MAP_ATTRIBUTE', 'Cloud Map attribute value', CLOUD_MAP_ATTRIBUTE_VALUE)),
    })),
    ipPreference,
  }),
});

const spec = requiredStruct('spec', {
  listeners: list('listeners', virtualNodeListener, uniqueListenerPorts('virtual node')),
  serviceDiscovery,
  backends: list('backends', struct('backend', {
    virtualService: requiredStruct('backend virtual service', {
      virtualServiceName: required('backend virtual service name', lengthRange('AMK_NAME_LENGTH', 'virtual service name', 1, 255)),
      clientPolicy,
    }),
  })),
  backendDefaults: struct('backend defaults', { clientPolicy }),
  logging,
}, (nodeSpec, ctx) => {
  const listeners = Array.isArray(nodeSpec.listeners) ? nodeSpec.listeners : [];
  if (listeners.length > 0 && !nodeSpec.serviceDiscovery) {
    report(ctx, {
      code: 'AMK_SERVICE_DISCOVERY_REQUIRED',
      message: 'a virtual node with listeners needs service discovery, so that other nodes can reach it',
      fix: 'pass serviceDiscovery: ServiceDiscovery.dns(...) or ServiceDiscovery.cloudMap(...)',
    }, undefined, ['serviceDiscovery']);
  }
  const dns = nodeSpec.serviceDiscovery?.dns;
  if (dns && dns.responseType !== 'ENDPOINTS') {
    listeners.forEach((listener: Untrusted<VirtualNodeListenerModel> | undefined, i: number) => {
      if (listener?.outlierDetection && !isInvalidInput(listener.outlierDetection)) {
        report(ctx, {
          code: 'AMK_OUTLIER_DETECTION_DNS',
          message: 'outlier detection has no effect with DNS discovery of response type LOADBALANCER: Envoy sees a single host and cannot eject it',
          fix: 'use ServiceDiscovery.dns(hostname, DnsResponseType.ENDPOINTS) or Cloud Map discovery',
          severity: DiagnosticSeverity.WARNING,
        }, dns.responseType ?? 'LOADBALANCER', ['listeners', i, 'outlierDetection']);
      }
    });
  }
});

/** Field rules of a VirtualNode (in the create-request shape). */
export const virtualNodeRules = requiredStruct('virtual node', {
  virtualNodeName: resourceName('virtual node name'),
  meshName: resourceName('mesh name'),
  spec,
  tags,
});
