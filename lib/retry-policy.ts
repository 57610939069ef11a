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

/**
 * A retry policy as a plain object, in aws-cdk-lib/aws-appmesh's shape (a `RetryPolicy` fits it too).
 */
export interface HttpRetryPolicy {
  /** Retries after the first attempt (App Mesh recommends at least 2). */
  readonly retryAttempts: number;
  /** Time limit of each attempt, the first one included. */
  readonly retryTimeout: Duration;
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
}

/**
 * A gRPC route's retry policy as a plain object, in aws-cdk-lib/aws-appmesh's shape.
 */
export interface GrpcRetryPolicy extends HttpRetryPolicy {
  /**
   * gRPC status codes to retry on (gRPC routes only).
   * @default - none
   */
  readonly grpcRetryEvents?: GrpcRetryEvent[];
}

/** The per-attempt timeout of the recommended policy: two retries still fit App Mesh's 15 s request timeout. */
const RECOMMENDED_PER_RETRY_TIMEOUT = Duration.seconds(5);

/**
 * How a route retries failed requests. A route takes it, or the same fields as a plain object.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export abstract class RetryPolicy {
  /**
   * The policy App Mesh documents as its default route retry policy, in API terms: 2 retries
   * on `gateway-error` (its 503) and `connection-error`, plus `unavailable` on gRPC routes,
   * with a 5 second per-attempt timeout (the value App Mesh's control plane sends Envoy).
   */
  public static recommended(): RetryPolicy {
    return new PolicyOf({
      retryAttempts: 2,
      retryTimeout: RECOMMENDED_PER_RETRY_TIMEOUT,
      httpRetryEvents: [HttpRetryEvent.GATEWAY_ERROR],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
      grpcRetryEvents: [GrpcRetryEvent.UNAVAILABLE],
    }, true);
  }

  /**
   * An explicit policy.
   * @param options retry count, per-attempt timeout and the HTTP, TCP or gRPC events to retry on
   */
  public static custom(options: RetryPolicyOptions): RetryPolicy {
    return new PolicyOf({ ...options, retryAttempts: options?.maxRetries, retryTimeout: options?.perRetryTimeout });
  }

  /** Retries after the first attempt. */
  public abstract readonly retryAttempts: number;
  /** Time limit of each attempt. */
  public abstract readonly retryTimeout: Duration;
  /** HTTP conditions to retry on. */
  public abstract readonly httpRetryEvents?: HttpRetryEvent[];
  /** TCP conditions to retry on. */
  public abstract readonly tcpRetryEvents?: TcpRetryEvent[];
  /** gRPC status codes to retry on (used by gRPC routes only). */
  public abstract readonly grpcRetryEvents?: GrpcRetryEvent[];

  /** Whether other routes than gRPC ones leave the gRPC events out (the recommended policy) rather than report them. @internal */
  public abstract readonly _grpcEventsOnGrpcOnly: boolean;
}

class PolicyOf extends RetryPolicy {
  public readonly retryAttempts: number;
  public readonly retryTimeout: Duration;
  public readonly httpRetryEvents?: HttpRetryEvent[];
  public readonly tcpRetryEvents?: TcpRetryEvent[];
  public readonly grpcRetryEvents?: GrpcRetryEvent[];

  constructor(policy: GrpcRetryPolicy, public readonly _grpcEventsOnGrpcOnly = false) {
    super();
    this.retryAttempts = policy.retryAttempts;
    this.retryTimeout = policy.retryTimeout;
    this.httpRetryEvents = policy.httpRetryEvents;
    this.tcpRetryEvents = policy.tcpRetryEvents;
    this.grpcRetryEvents = policy.grpcRetryEvents;
  }
}

/**
 * A route's retry policy as the model has it. An empty list of events is no list (aws-cdk-lib/aws-appmesh
 * renders it so); gRPC events on another route stay for the rules to report, except the recommended policy's.
 */
/** The keys of a retry policy given as an object (GrpcRetryPolicy, which extends HttpRetryPolicy). */
const RETRY_POLICY_KEYS = ['retryAttempts', 'retryTimeout', 'httpRetryEvents', 'tcpRetryEvents', 'grpcRetryEvents'];

export function retryPolicyModel(policy: unknown, protocol: Protocol): RetryPolicyModel | InvalidInput | undefined {
  if (policy === undefined || policy === null) return undefined;
  // A plain object with a key no retry policy has (`maxRetries`, RetryPolicy.custom's name) is not one: its retries would be lost.
  const stray = typeof policy === 'object' && !(policy instanceof RetryPolicy) && Object.keys(policy).some((k) => !RETRY_POLICY_KEYS.includes(k));
  if (typeof policy !== 'object' || Array.isArray(policy) || stray) {
    return new InvalidInput(policy, 'a retry policy (RetryPolicy.recommended(), RetryPolicy.custom({ maxRetries, perRetryTimeout }), '
      + 'or { retryAttempts, retryTimeout, httpRetryEvents, tcpRetryEvents, grpcRetryEvents })');
  }
  const p = policy as GrpcRetryPolicy;
  const events = (list: string[] | undefined) => (Array.isArray(list) && list.length === 0 ? undefined : list);
  return {
    maxRetries: p.retryAttempts,
    perRetryTimeout: durationModel(p.retryTimeout) as RetryPolicyModel['perRetryTimeout'],
    httpRetryEvents: events(p.httpRetryEvents),
    tcpRetryEvents: events(p.tcpRetryEvents),
    grpcRetryEvents: protocol === 'grpc' || !(policy instanceof RetryPolicy && policy._grpcEventsOnGrpcOnly) ? events(p.grpcRetryEvents) : undefined,
  };
}
