import { Protocol } from './model/spec';

/**
 * A port a virtual router routes traffic on.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_routers.html
 */
export abstract class VirtualRouterListener {
  /**
   * An HTTP/1.1 listener.
   * @param port the port the router listens on for this protocol (1–65535, default 8080)
   */
  public static http(port: number = 8080): VirtualRouterListener {
    return new PortListener('http', port);
  }

  /**
   * An HTTP/2 listener.
   * @param port the port the router listens on for this protocol (1–65535, default 8080)
   */
  public static http2(port: number = 8080): VirtualRouterListener {
    return new PortListener('http2', port);
  }

  /**
   * A gRPC listener.
   * @param port the port the router listens on for this protocol (1–65535, default 8080)
   */
  public static grpc(port: number = 8080): VirtualRouterListener {
    return new PortListener('grpc', port);
  }

  /**
   * A TCP listener.
   * @param port the port the router listens on for this protocol (1–65535, default 8080)
   */
  public static tcp(port: number = 8080): VirtualRouterListener {
    return new PortListener('tcp', port);
  }

  /** @internal */
  public abstract _toModel(): { portMapping: { port: number; protocol: Protocol } };
}

class PortListener extends VirtualRouterListener {
  constructor(private readonly protocol: Protocol, private readonly port: number) { super(); }
  public _toModel() { return { portMapping: { port: this.port, protocol: this.protocol } }; }
}
