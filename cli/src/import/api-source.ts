import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import {
  AppMeshClient, DescribeGatewayRouteCommand, DescribeMeshCommand, DescribeRouteCommand, DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand, DescribeVirtualRouterCommand, DescribeVirtualServiceCommand, ListTagsForResourceCommand,
  paginateListGatewayRoutes, paginateListRoutes, paginateListVirtualGateways, paginateListVirtualNodes, paginateListVirtualRouters,
  paginateListVirtualServices,
} from '@aws-sdk/client-app-mesh';
import { MeshSource, NAME_PROPERTY, SourceResource } from './template-source';
import { CliError, progress } from '../cli-error';

/** The App Mesh API's resource kinds: the key of a describe-* output, its CloudFormation type. */
const KINDS: Record<string, string> = {
  mesh: 'AWS::AppMesh::Mesh',
  virtualNode: 'AWS::AppMesh::VirtualNode',
  virtualService: 'AWS::AppMesh::VirtualService',
  virtualRouter: 'AWS::AppMesh::VirtualRouter',
  route: 'AWS::AppMesh::Route',
  virtualGateway: 'AWS::AppMesh::VirtualGateway',
  gatewayRoute: 'AWS::AppMesh::GatewayRoute',
};

/** API keys whose CloudFormation name is not just capitalized. */
const CFN_KEYS: Record<string, string> = {
  tls: 'TLS', dns: 'DNS', awsCloudMap: 'AWSCloudMap', sds: 'SDS', acm: 'ACM', grpc: 'GRPC', http: 'HTTP', http2: 'HTTP2', tcp: 'TCP',
};

/** A value of the App Mesh API (camelCase keys) in CloudFormation's shape (PascalCase, TLS, DNS, …). */
export function apiToCfn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(apiToCfn);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [CFN_KEYS[k] ?? k[0].toUpperCase() + k.slice(1), apiToCfn(v)]));
}

/** What describe-* returns for one resource (the part the import reads). */
interface Described {
  readonly meshName?: string;
  readonly virtualRouterName?: string;
  readonly virtualGatewayName?: string;
  readonly spec?: unknown;
  readonly metadata?: { readonly meshOwner?: string; readonly resourceOwner?: string; readonly arn?: string };
  readonly [name: string]: unknown;
}

/** One API resource as a source resource: the properties CloudFormation would hold. */
function sourceResource(kind: string, data: Described, tags?: Array<{ key?: string; value?: string }>): SourceResource {
  const type = KINDS[kind];
  const nameKey = NAME_PROPERTY[type][0].toLowerCase() + NAME_PROPERTY[type].slice(1);
  const name = String(data[nameKey]);
  const owner = data.metadata?.meshOwner;
  const shared = kind !== 'mesh' && owner !== undefined && owner !== data.metadata?.resourceOwner;
  const properties: Record<string, unknown> = {
    MeshName: data.meshName,
    ...(shared && { MeshOwner: owner }),
    ...(data.virtualRouterName !== undefined && kind === 'route' && { VirtualRouterName: data.virtualRouterName }),
    ...(data.virtualGatewayName !== undefined && kind === 'gatewayRoute' && { VirtualGatewayName: data.virtualGatewayName }),
    [NAME_PROPERTY[type]]: name,
    ...(data.spec !== undefined && { Spec: apiToCfn(data.spec) }),
    ...(tags && tags.length > 0 && { Tags: apiToCfn(tags) }),
  };
  const parent = data.virtualRouterName ?? data.virtualGatewayName;
  return { logicalId: `${kind} ${parent && kind.endsWith('oute') ? `${parent}/` : ''}${name}`, type, properties };
}

/**
 * A folder of saved `aws appmesh describe-*` outputs (one resource a file, any file name), with
 * optional `list-*` outputs: a resource a list names must have its describe output there too.
 */
export function readDescribeFolder(dir: string): MeshSource {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`no such folder: ${dir}`);
  const resources: SourceResource[] = [];
  const listed: Array<{ kind: string; name: string; file: string }> = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new CliError(`${path.join(dir, file)} is not JSON: ${(error as Error).message}`);
    }
    const kind = Object.keys(KINDS).find((k) => json[k] !== undefined && typeof json[k] === 'object');
    if (kind) {
      resources.push(sourceResource(kind, json[kind] as Described));
      continue;
    }
    const list = Object.keys(KINDS).find((k) => Array.isArray(json[`${k}s`]));
    if (!list) throw new CliError(`${path.join(dir, file)} is neither a describe-* nor a list-* output of App Mesh`);
    for (const item of json[`${list}s`] as Described[]) {
      const nameKey = NAME_PROPERTY[KINDS[list]][0].toLowerCase() + NAME_PROPERTY[KINDS[list]].slice(1);
      listed.push({ kind: list, name: String(item[nameKey]), file });
    }
  }
  for (const l of listed) {
    const nameProperty = NAME_PROPERTY[KINDS[l.kind]];
    if (!resources.some((r) => r.type === KINDS[l.kind] && r.properties[nameProperty] === l.name)) {
      throw new CliError(`${l.file} lists ${l.kind} ${l.name}, but the folder has no describe-${kebab(l.kind)} output of it`);
    }
  }
  if (resources.length === 0) throw new CliError(`${dir} holds no describe-* output of App Mesh`);
  return { stackName: 'ImportedMesh', description: `the App Mesh API outputs in ${path.basename(dir)}`, resources };
}

function kebab(kind: string): string {
  return kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * A request handler that rewrites timestamps written as `"DD/MM/YYYY, HH:MM:SS"` (as App Mesh
 * emulators such as moto write them; the SDK only accepts epoch seconds) before the SDK reads the
 * response. The import never reads a timestamp; real App Mesh responses pass unchanged.
 */
interface HttpHandlerLike {
  handle(request: unknown, options?: unknown): Promise<{ response: { body: unknown; headers: Record<string, string> } }>;
  destroy?(): void;
}

function timestampTolerantHandler(inner: HttpHandlerLike): HttpHandlerLike {
  return {
    destroy: () => inner.destroy?.(),
    handle: async (request: unknown, options?: unknown) => {
      const result = await inner.handle(request, options);
      const body = result.response.body as Readable | undefined;
      if (!body || typeof body.on !== 'function') return result;
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
      const text = Buffer.concat(chunks).toString('utf8').replace(/"(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})"/g,
        (_, d, m, y, hh, mm, ss) => String(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm), Number(ss)) / 1000));
      const bytes = Buffer.from(text, 'utf8');
      result.response.body = Readable.from([bytes]);
      if (result.response.headers['content-length'] !== undefined) result.response.headers['content-length'] = String(bytes.length);
      return result;
    },
  };
}

/** Why an API call failed, in one line. */
function apiError(error: unknown, where: string): CliError {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '') ? 'endpoint unreachable' : e.name ?? 'error';
  return new CliError(`App Mesh API (${where}): ${name}: ${(e.message ?? String(error)).split('\n')[0]}`, 1);
}

export interface LiveMeshOptions {
  readonly region?: string;
  readonly endpoint?: string;
}

function regionOf(options: LiveMeshOptions): string {
  return options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** An App Mesh API client (credentials as for the AWS CLI) that tolerates text timestamps. */
export function appMeshClient(options: LiveMeshOptions): AppMeshClient {
  // The SDK warns, on Node 20, about its releases of 2027: not this command's business (its output is one result line).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new AppMeshClient({ region: regionOf(options), ...(options.endpoint && { endpoint: options.endpoint }), maxAttempts: 2 });
  const config = client.config as unknown as { requestHandler: HttpHandlerLike };
  config.requestHandler = timestampTolerantHandler(config.requestHandler);
  return client;
}

/** Reads a mesh from the App Mesh API: every resource type, every page, and the tags of each. */
export async function readLiveMesh(meshName: string, options: LiveMeshOptions): Promise<MeshSource> {
  const client = appMeshClient(options);
  const where = options.endpoint ?? regionOf(options);
  const resources: SourceResource[] = [];
  const pagination = { client, pageSize: 100 };
  const add = async (kind: string, found: object | undefined) => {
    if (!found) return;
    const data = found as Described;
    const arn = data.metadata?.arn;
    const tags: Array<{ key?: string; value?: string }> = [];
    if (arn) {
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListTagsForResourceCommand({ resourceArn: arn, nextToken }));
        tags.push(...(page.tags ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    }
    resources.push(sourceResource(kind, data, tags));
  };
  progress(`reading mesh ${meshName} from the App Mesh API (${where})…`);
  try {
    await add('mesh', (await client.send(new DescribeMeshCommand({ meshName }))).mesh);
    for await (const page of paginateListVirtualNodes(pagination, { meshName })) {
      for (const n of page.virtualNodes ?? []) {
        await add('virtualNode', (await client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: n.virtualNodeName }))).virtualNode);
      }
    }
    for await (const page of paginateListVirtualRouters(pagination, { meshName })) {
      for (const r of page.virtualRouters ?? []) {
        const virtualRouterName = r.virtualRouterName;
        await add('virtualRouter', (await client.send(new DescribeVirtualRouterCommand({ meshName, virtualRouterName }))).virtualRouter);
        for await (const routes of paginateListRoutes(pagination, { meshName, virtualRouterName })) {
          for (const route of routes.routes ?? []) {
            const described = await client.send(new DescribeRouteCommand({ meshName, virtualRouterName, routeName: route.routeName }));
            await add('route', described.route);
          }
        }
      }
    }
    for await (const page of paginateListVirtualServices(pagination, { meshName })) {
      for (const s of page.virtualServices ?? []) {
        const described = await client.send(new DescribeVirtualServiceCommand({ meshName, virtualServiceName: s.virtualServiceName }));
        await add('virtualService', described.virtualService);
      }
    }
    for await (const page of paginateListVirtualGateways(pagination, { meshName })) {
      for (const g of page.virtualGateways ?? []) {
        const virtualGatewayName = g.virtualGatewayName;
        await add('virtualGateway', (await client.send(new DescribeVirtualGatewayCommand({ meshName, virtualGatewayName }))).virtualGateway);
        for await (const routes of paginateListGatewayRoutes(pagination, { meshName, virtualGatewayName })) {
          for (const route of routes.gatewayRoutes ?? []) {
            const gatewayRouteName = route.gatewayRouteName;
            const described = await client.send(new DescribeGatewayRouteCommand({ meshName, virtualGatewayName, gatewayRouteName }));
            await add('gatewayRoute', described.gatewayRoute);
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw apiError(error, where);
  } finally {
    client.destroy();
  }
  return { stackName: 'ImportedMesh', description: `mesh ${meshName} of the App Mesh API (${where})`, resources };
}
