import { Duration } from 'aws-cdk-lib';

/**
 * Timeouts of a listener.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export interface ListenerTimeout {
  /**
   * Time a request may take (http, http2 and grpc listeners only); zero disables it.
   * @default - App Mesh's default of 15 seconds
   */
  readonly perRequest?: Duration;
  /**
   * Time a connection may stay idle; zero disables it.
   * @default - App Mesh's default of 300 seconds
   */
  readonly idle?: Duration;
}

/** aws-cdk-lib/aws-appmesh's name of an HTTP or HTTP/2 timeout. */
export interface HttpTimeout extends ListenerTimeout {}
/** aws-cdk-lib/aws-appmesh's name of a gRPC timeout. */
export interface GrpcTimeout extends ListenerTimeout {}

/** aws-cdk-lib/aws-appmesh's name of a TCP timeout: idle only. */
export interface TcpTimeout {
  /**
   * Idle duration of a connection.
   * @default - App Mesh's default, 300 s
   */
  readonly idle?: Duration;
}
