import { Duration } from 'aws-cdk-lib';
import { InvalidInput } from './model/invalid-input';
import { Protocol, RetryPolicyModel } from './model/spec';
import { durationModel } from './private/duration';

/** HTTP conditions a route retries on. */
export enum HttpRetryEvent {
  /** 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511. */
  SERVER_ERROR = 'server-error',
  /** 502, 503, 504. */
  GATEWAY_ERROR = 'gateway-error',
  /** 409. */
  CLIENT_ERROR = 'client-error',
  /** A refused stream. */
  STREAM_ERROR = 'stream-error',
}

/** TCP conditions a route retries on. */
export enum TcpRetryEvent {
  /** The connection failed. */
  CONNECTION_ERROR = 'connection-error',
}

/** gRPC status codes a route retries on. */
export enum GrpcRetryEvent {
  /** gRPC status CANCELLED (1): the call was cancelled, usually by the caller. */
  CANCELLED = 'cancelled',
  /** gRPC status DEADLINE_EXCEEDED (4): the deadline expired before the call completed. */
  DEADLINE_EXCEEDED = 'deadline-exceeded',
  /** gRPC status INTERNAL (13): an internal error of the server. */
  INTERNAL_ERROR = 'internal',
  /** gRPC status RESOURCE_EXHAUSTED (8): a quota or limit ran out, for example rate limiting. */
  RESOURCE_EXHAUSTED = 'resource-exhausted',
  /** gRPC status UNAVAILABLE (14): the service is unavailable for now, so retrying is safe. */
  UNAVAILABLE = 'unavailable',
}

/**
 * An explicit retry policy.
 */
export interface RetryPolicyOptions {
  /** Retries after the first attempt (App Mesh recommends at least 2). */
  readonly maxRetries: number;
  /** Time limit of each attempt, the first one included. */
  readonly perRetryTimeout: Duration;
  /**
   * HTTP conditions to retry on.
   * @default - none
   */
  readonly httpRetryEvents?: HttpRetryEvent[];
  /**
   * TCP conditions to retry on.
   * @default - none
   */
  readonly tcpRetryEvents?: TcpRetryEvent[];
  /**
   * gRPC status codes to retry on (gRPC routes only).
   * @default - none
   */
  readonly grpcRetryEvents?: GrpcRetryEvent[];
}

/** The per-attempt timeout of the recommended policy: two retries still fit App Mesh's 15 s request timeout. */
const RECOMMENDED_PER_RETRY_TIMEOUT = Duration.seconds(5);

/**
 * How a route retries failed requests.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export abstract class RetryPolicy {
  /**
   * The policy App Mesh documents as its default route retry policy, in API terms: 2 retries
   * on `gateway-error` (its 503) and `connection-error`, plus `unavailable` on gRPC routes,
   * with a 5 second per-attempt timeout (the value App Mesh's control plane sends Envoy).
   */
  public static recommended(): RetryPolicy {
    return new RecommendedRetryPolicy();
  }

  /**
   * An explicit policy.
   * @param options retry count, per-attempt timeout and the HTTP, TCP or gRPC events to retry on
   */
  public static custom(options: RetryPolicyOptions): RetryPolicy {
    return new CustomRetryPolicy(options);
  }

  /** @internal */
  public abstract _toModel(protocol: Protocol): RetryPolicyModel | InvalidInput;
}

class RecommendedRetryPolicy extends RetryPolicy {
  public _toModel(protocol: Protocol): RetryPolicyModel {
    return {
      maxRetries: 2,
      perRetryTimeout: durationModel(RECOMMENDED_PER_RETRY_TIMEOUT) as RetryPolicyModel['perRetryTimeout'],
      httpRetryEvents: [HttpRetryEvent.GATEWAY_ERROR],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
      grpcRetryEvents: protocol === 'grpc' ? [GrpcRetryEvent.UNAVAILABLE] : undefined,
    };
  }
}

class CustomRetryPolicy extends RetryPolicy {
  constructor(private readonly options: RetryPolicyOptions) { super(); }

  public _toModel(): RetryPolicyModel | InvalidInput {
    const o = this.options;
    if (!o || typeof o !== 'object') return new InvalidInput(o, 'RetryPolicyOptions ({ maxRetries, perRetryTimeout, ...events })');
    const events = (list: string[] | undefined) => (Array.isArray(list) && list.length === 0 ? undefined : list);
    return {
      maxRetries: o.maxRetries,
      perRetryTimeout: durationModel(o.perRetryTimeout) as RetryPolicyModel['perRetryTimeout'],
      httpRetryEvents: events(o.httpRetryEvents),
      tcpRetryEvents: events(o.tcpRetryEvents),
      grpcRetryEvents: events(o.grpcRetryEvents),
    };
  }
}
