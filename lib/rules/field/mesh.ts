import { oneOf, optional, requiredStruct, struct } from '../field-rules';
import { ipPreference, resourceName, tags } from './common';

/** Field rules of a Mesh model. */
export const meshRules = requiredStruct('mesh', {
  meshName: resourceName('mesh name'),
  spec: struct('spec', {
    egressFilter: struct('egress filter', {
      type: optional('egress filter type', oneOf('AMK_ENUM', 'egress filter type', ['ALLOW_ALL', 'DROP_ALL'])),
    }),
    serviceDiscovery: struct('service discovery', { ipPreference }),
  }),
  tags,
});
