import { HttpRouteMethod, HttpRouteProtocol } from '../../header-match';
import type { IVirtualGateway } from '../../virtual-gateway';
import type { IVirtualNode } from '../../virtual-node';

/**
 * One request to explain with `Mesh.explain`: either a virtual node calling a virtual service
 * (`virtualNode` + `virtualServiceName`), or a request arriving at a virtual gateway (`virtualGateway`).
 *
 * Only what the request's listener reads is used: the HTTP fields on an http or http2 listener,
 * the gRPC fields on a grpc listener, nothing but the port on a tcp listener.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/gateway-routes.html
 */
export interface ExplainRequest {
  /**
   * The virtual node whose application sends the request (give `virtualServiceName` too).
   * @default - none: give `virtualGateway` instead
   */
  readonly virtualNode?: IVirtualNode;

  /**
   * The virtual service the application calls (with `virtualNode`).
   * @default - none: required with `virtualNode`
   */
  readonly virtualServiceName?: string;

  /**
   * The virtual gateway the request arrives at (from outside the mesh).
   * @default - none: give `virtualNode` instead
   */
  readonly virtualGateway?: IVirtualGateway;

  /**
   * The port: with `virtualNode`, the port the application calls the virtual service on (a listener
   * port of the service's router or node); with `virtualGateway`, the gateway listener port.
   * @default - the only listener's port (the provider's, or the gateway's)
   */
  readonly port?: number;

  /**
   * The HTTP method.
   * @default HttpRouteMethod.GET
   */
  readonly method?: HttpRouteMethod;

  /**
   * The request path; a query string (`/books?id=1`) adds to `queryParameters`. On a grpc
   * listener, `/Service/Method` gives the gRPC service and method when `grpcService` is not set.
   * @default '/'
   */
  readonly path?: string;

  /**
   * The authority (host name, optionally with `:port`) the request carries.
   * @default - with `virtualNode`, the virtual service name; with `virtualGateway`, the `host` header
   */
  readonly authority?: string;

  /**
   * The URL scheme.
   * @default HttpRouteProtocol.HTTP
   */
  readonly scheme?: HttpRouteProtocol;

  /**
   * Request headers, by name (names are case-insensitive).
   * @default - no headers
   */
  readonly headers?: { [name: string]: string };

  /**
   * Query parameters, by name.
   * @default - none (besides those in `path`)
   */
  readonly queryParameters?: { [name: string]: string };

  /**
   * The fully qualified gRPC service, for example `shop.Catalog`.
   * @default - from `path` (`/shop.Catalog/Get`), else none
   */
  readonly grpcService?: string;

  /**
   * The gRPC method, for example `Get`.
   * @default - from `path`, else none
   */
  readonly grpcMethod?: string;

  /**
   * gRPC metadata, by name (names are case-insensitive). A name missing here is looked up in `headers`.
   * @default - no metadata
   */
  readonly metadata?: { [name: string]: string };
}
