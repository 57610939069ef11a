import { list, report, requiredStruct, struct } from '../field-rules';
import { resourceName, tags } from './common';
import { PROTOCOLS, portMapping } from './listener';

/** Field rules of a VirtualRouter (in the create-request shape). */
export const virtualRouterRules = requiredStruct('virtual router', {
  virtualRouterName: resourceName('virtual router name'),
  meshName: resourceName('mesh name'),
  spec: requiredStruct('spec', {
    listeners: list('listeners', struct('listener', { portMapping: portMapping(PROTOCOLS) }), (listeners, ctx) => {
      const seen = new Set<unknown>();
      listeners.forEach((listener: any, i: number) => {
        const port = listener?.portMapping?.port;
        if (typeof port !== 'number') return;
        if (seen.has(port)) {
          report(ctx, {
            code: 'AMK_DUPLICATE_PORT',
            message: `listener port ${port} is used twice; ports must be unique per virtual router`,
            fix: 'give each router listener its own port',
          }, port, [i, 'portMapping', 'port']);
        }
        seen.add(port);
      });
    }),
  }),
  tags,
});
