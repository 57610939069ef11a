import { list, requiredStruct, struct } from '../field-rules';
import { resourceName, tags } from './common';
import { PROTOCOLS, portMapping, uniqueListenerPorts } from './listener';

/** Field rules of a VirtualRouter (in the create-request shape). */
export const virtualRouterRules = requiredStruct('virtual router', {
  virtualRouterName: resourceName('virtual router name'),
  meshName: resourceName('mesh name'),
  spec: requiredStruct('spec', {
    listeners: list('listeners', struct('listener', { portMapping: portMapping(PROTOCOLS) }), uniqueListenerPorts('virtual router')),
  }),
  tags,
});
