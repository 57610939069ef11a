import { GatewayRouteBodyModel } from '../../model/spec';

/**
 * What a virtual gateway does to a request a gateway route matched, before it goes to the
 * target virtual service (User Guide, Virtual gateways, seed 004:3855; Gateway routes, "Rewrite",
 * seed 004:4131-4145). The seeds give these rules as prose, one per match type:
 *
 * | gateway route match | rewrite set on the gateway route      | path sent on                                    | seed               |
 * |---------------------|---------------------------------------|-------------------------------------------------|--------------------|
 * | prefix              | none, or `prefix.defaultPrefix` ENABLED | the matched prefix rewritten to `/`: `/chapter` + `/chapter/1` → `/1` | 004:3855, 004:4104 |
 * | prefix              | `prefix.defaultPrefix` DISABLED       | the path as it came                              | 004:4136 ("Override automatic rewrite of prefix") |
 * | prefix              | `prefix.value`                        | the matched prefix replaced by the value        | 004:4136 ("Prefix rewrite specifies the value of the rewritten prefix") |
 * | exact or regex path | `path.exact`                          | that path                                       | 004:4140, 004:4143 |
 * | exact or regex path | none                                  | the path as it came ("No default path")         | 004:4140, 004:4143 |
 * | grpc                | (no path rewrite)                     | —                                               | 004:4144-4145      |
 *
 * | hostname rewrite                                   | host name sent on                      | seed |
 * |----------------------------------------------------|----------------------------------------|------|
 * | none, or `hostname.defaultTargetHostname` ENABLED  | the target virtual service's name      | 004:3855, 004:4135, 004:4139, 004:4142, 004:4145 |
 * | `hostname.defaultTargetHostname` DISABLED          | the request's own                       | same ("Override automatic rewrite of hostname") |
 *
 * The default prefix rewrite keeps exactly one `/` between the new prefix and the rest of the
 * path: the rest with its leading `/` dropped, after `/`. That is the seed's one example
 * (`/chapter/1` → `/1`, not `//1`), and it also gives `/chapter1` → `/1` and `/chapter` → `/`,
 * the two examples the User Guide gave before the 2021 rewrite options (quoted in
 * aws-app-mesh-roadmap#247). A custom value replaces the matched prefix as it is, with no slash
 * merged (the seeds say only that it is "the value of the rewritten prefix").
 */
export interface GatewayRewrite {
  /** The path sent on; undefined for grpc. */
  readonly path: string | undefined;
  /** The path rule that applied, in words. */
  readonly pathRewrite: string;
  /** The authority sent on; undefined when the request had none and it is not rewritten. */
  readonly authority: string | undefined;
  /** The host name rule that applied, in words. */
  readonly hostnameRewrite: string;
}

/** The default prefix rewrite: the matched prefix becomes `/`, with one `/` before the rest. */
export function defaultPrefixRewrite(prefix: string, path: string): string {
  return `/${path.slice(prefix.length).replace(/^\//, '')}`;
}

/**
 * The rewrite of a gateway route that matched `path` (the normalized path without the query
 * string, which is kept as it is) with `authority`, sending to the virtual service `targetName`.
 */
export function gatewayRewrite(protocol: string, body: GatewayRouteBodyModel, path: string, authority: string | undefined,
  targetName: string): GatewayRewrite {
  const rewrite = body.action?.rewrite;
  const keepHost = rewrite?.hostname?.defaultTargetHostname === 'DISABLED';
  const host = keepHost
    ? { authority, hostnameRewrite: 'host name kept (defaultTargetHostname DISABLED)' }
    : { authority: targetName, hostnameRewrite: `host name rewritten to the target virtual service's name ${targetName} (App Mesh's default)` };
  if (protocol === 'grpc') return { path: undefined, pathRewrite: 'a grpc gateway route does not rewrite the path', ...host };

  const match = body.match ?? {};
  if (match.path?.exact !== undefined || match.path?.regex !== undefined) {
    const to = rewrite?.path?.exact;
    return typeof to === 'string'
      ? { path: to, pathRewrite: `path rewritten to ${to} (path rewrite)`, ...host }
      : { path, pathRewrite: 'path kept: an exact or regex path match has no default path rewrite', ...host };
  }
  const prefix = typeof match.prefix === 'string' ? match.prefix : '/';
  const value = rewrite?.prefix?.value;
  if (typeof value === 'string') {
    const to = value + path.slice(prefix.length);
    return { path: to, pathRewrite: `prefix ${prefix} replaced by ${value} (prefix rewrite): ${path} → ${to}`, ...host };
  }
  if (rewrite?.prefix?.defaultPrefix === 'DISABLED') {
    return { path, pathRewrite: `path kept (defaultPrefix DISABLED): ${path}`, ...host };
  }
  const to = defaultPrefixRewrite(prefix, path);
  return { path: to, pathRewrite: `prefix ${prefix} rewritten to / (App Mesh's default): ${path} → ${to}`, ...host };
}
