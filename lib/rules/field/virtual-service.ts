import { lengthRange, report, required, requiredStruct, struct } from '../field-rules';
import { resourceName, tags } from './common';
import { DiagnosticSeverity } from '../diagnostic';

// A virtual service name is what applications resolve before Envoy intercepts: a DNS name.
const DNS_NAME = /^(?=.{1,255}$)[A-Za-z0-9*]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;

/** Field rules of a VirtualService (in the create-request shape). */
export const virtualServiceRules = requiredStruct('virtual service', {
  virtualServiceName: required('virtual service name', lengthRange('AMK_NAME_LENGTH', 'virtual service name', 1, 255),
    (name: string) => (DNS_NAME.test(name) ? undefined : {
      code: 'AMK_SERVICE_NAME_DNS',
      message: 'a virtual service name must be a DNS name (letters, digits, hyphens, dot-separated labels), since applications resolve it',
      fix: 'name the service after its DNS name, for example catalog.shop.local',
    })),
  meshName: resourceName('mesh name'),
  spec: struct('spec', {
    provider: struct('provider', {
      virtualNode: struct('virtual node provider', { virtualNodeName: resourceName('provider virtual node name') }),
      virtualRouter: struct('virtual router provider', { virtualRouterName: resourceName('provider virtual router name') }),
    }, (provider, ctx) => {
      if (provider.virtualNode && provider.virtualRouter) {
        report(ctx, {
          code: 'AMK_PROVIDER_ONE',
          message: 'a virtual service has one provider: a virtual node or a virtual router, not both',
          fix: 'pass a single VirtualServiceProvider',
        }, provider);
      }
    }),
  }),
  tags,
}, (vs, ctx) => {
  if (typeof vs.virtualServiceName === 'string' && !vs.virtualServiceName.includes('.') && DNS_NAME.test(vs.virtualServiceName)) {
    report(ctx, {
      code: 'AMK_SERVICE_NAME_UNQUALIFIED',
      message: 'an unqualified virtual service name often fails to resolve inside tasks and pods, which App Mesh then routes to the egress cluster',
      fix: 'use a fully qualified name such as catalog.shop.local, resolvable to a non-loopback address',
      severity: DiagnosticSeverity.WARNING,
    }, vs.virtualServiceName, ['virtualServiceName']);
  }
});
