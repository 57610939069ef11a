import { BackendModel } from './model/spec';
import { resourceNameOf } from './private/render';
import { clientPolicyModel } from './private/render-tls';
import { TlsClientPolicy } from './tls';
import { IVirtualService } from './virtual-service';

/**
 * Options of a virtual service backend.
 */
export interface VirtualServiceBackendOptions {
  /**
   * TLS towards this backend, overriding the node's backend defaults.
   * @default - the node's backend defaults
   */
  readonly tlsClientPolicy?: TlsClientPolicy;
}

/**
 * Defaults for every backend of a virtual node.
 */
export interface BackendDefaults {
  /**
   * TLS towards every backend that sets none of its own.
   * @default - no TLS origination
   */
  readonly tlsClientPolicy?: TlsClientPolicy;
}

/**
 * A service a virtual node calls. Envoy only routes outbound traffic to the backends it knows.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export abstract class Backend {
  /**
   * A virtual service of the same mesh. It is named by its plain name, so two nodes that call
   * each other create no dependency cycle.
   * @param virtualService the virtual service the node calls
   * @param options TLS towards this backend
   */
  public static virtualService(virtualService: IVirtualService, options: VirtualServiceBackendOptions = {}): Backend {
    return new VirtualServiceBackend(virtualService, options);
  }

  /** @internal */
  public abstract readonly _virtualService: IVirtualService;

  /** @internal */
  public abstract _toModel(): BackendModel;
}

class VirtualServiceBackend extends Backend {
  constructor(public readonly _virtualService: IVirtualService, private readonly options: VirtualServiceBackendOptions) {
    super();
  }

  public _toModel(): BackendModel {
    return {
      virtualService: {
        virtualServiceName: resourceNameOf(this._virtualService, 'virtualServiceName',
          'an IVirtualService: Backend.virtualService(service) takes a VirtualService (or VirtualService.fromVirtualServiceArn), not a node or router'),
        clientPolicy: clientPolicyModel(this.options?.tlsClientPolicy),
      },
    } as BackendModel;
  }
}
