import { appMeshSource } from '../app-meshes';
import { APP_HELP, APP_OPTIONS } from '../app-options';
import { CliError, progress } from '../cli-error';
import { Command, stringOption } from '../command';
import { SourceResource } from '../import/template-source';

/** One box of the picture. */
interface GraphNode {
  readonly id: string;
  readonly kind: 'gateway' | 'gatewayRoute' | 'service' | 'router' | 'route' | 'node';
  readonly label: string;
}

/** One arrow; dashed for a backend (a node's permission to call), solid for the way traffic goes. */
interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly dashed?: boolean;
}

interface Topology {
  readonly meshes: Array<{ readonly name: string; readonly nodes: GraphNode[] }>;
  readonly edges: GraphEdge[];
}

/** The parts of the App Mesh specs (CloudFormation's shape) the picture shows. */
interface Spec {
  readonly Listeners?: Array<{ readonly PortMapping?: { readonly Protocol?: string; readonly Port?: number } }>;
  readonly Provider?: {
    readonly VirtualRouter?: { readonly VirtualRouterName: string };
    readonly VirtualNode?: { readonly VirtualNodeName: string };
  };
  readonly Backends?: Array<{ readonly VirtualService?: { readonly VirtualServiceName: string } }>;
  readonly ServiceDiscovery?: {
    readonly DNS?: { readonly Hostname: string };
    readonly AWSCloudMap?: { readonly NamespaceName: string; readonly ServiceName: string };
  };
  readonly Priority?: number;
}

/** A route's or gateway route's body (`HttpRoute`, `GrpcRoute`, …). */
interface RouteBody {
  readonly Match?: { readonly Prefix?: string; readonly Path?: { readonly Exact?: string; readonly Regex?: string }; readonly ServiceName?: string };
  readonly Action?: {
    readonly WeightedTargets?: Array<{ readonly VirtualNode: string; readonly Weight: number; readonly Port?: number }>;
    readonly Target?: { readonly VirtualService?: { readonly VirtualServiceName: string }; readonly Port?: number };
  };
}

/** The protocol and body of a route spec. */
function routeBody(spec: object): { protocol: string; body: RouteBody } {
  const [key, body] = Object.entries(spec).find(([k]) => k.endsWith('Route')) ?? ['', {}];
  return { protocol: key.replace('Route', '').toLowerCase(), body: body as RouteBody };
}

/** What a route matches, in a few words. */
function matchText(body: RouteBody): string {
  const m = body.Match ?? {};
  return m.Prefix ?? m.Path?.Exact ?? m.Path?.Regex ?? m.ServiceName ?? '';
}

const KIND_LABEL: Record<GraphNode['kind'], string> = {
  gateway: 'virtual gateway',
  gatewayRoute: 'gateway route',
  service: 'virtual service',
  router: 'virtual router',
  route: 'route',
  node: 'virtual node',
};

/** The topology of the App Mesh resources: gateways → gateway routes → services → routers → routes → nodes → backends. */
export function topology(resources: SourceResource[]): Topology {
  const meshes = new Map<string, GraphNode[]>();
  const edges: GraphEdge[] = [];
  const id = (mesh: string, kind: string, ...names: unknown[]) => `${kind}:${mesh}/${names.join('/')}`;
  const spec = (r: SourceResource) => (r.properties.Spec ?? {}) as Spec;
  for (const r of resources) {
    const p = r.properties;
    const mesh = String(p.MeshName);
    const add = (kind: GraphNode['kind'], name: unknown, label: string, ...parent: unknown[]) => {
      const nodes = meshes.get(mesh) ?? [];
      meshes.set(mesh, nodes);
      nodes.push({ id: id(mesh, kind, ...parent, name), kind, label });
    };
    const ports = (listeners: Spec['Listeners'] = []) => listeners.map((l) => `${l.PortMapping?.Protocol}:${l.PortMapping?.Port}`).join(', ');
    switch (r.type) {
      case 'AWS::AppMesh::Mesh':
        meshes.set(mesh, meshes.get(mesh) ?? []);
        break;
      case 'AWS::AppMesh::VirtualGateway':
        add('gateway', p.VirtualGatewayName, `${p.VirtualGatewayName}\n${ports(spec(r).Listeners)}`);
        break;
      case 'AWS::AppMesh::GatewayRoute': {
        const { protocol, body } = routeBody(spec(r));
        add('gatewayRoute', p.GatewayRouteName, `${p.GatewayRouteName}\n${protocol} ${matchText(body)}`.trim(), p.VirtualGatewayName);
        edges.push({ from: id(mesh, 'gateway', p.VirtualGatewayName), to: id(mesh, 'gatewayRoute', p.VirtualGatewayName, p.GatewayRouteName) });
        const target = body.Action?.Target;
        if (target?.VirtualService) {
          edges.push({
            from: id(mesh, 'gatewayRoute', p.VirtualGatewayName, p.GatewayRouteName),
            to: id(mesh, 'service', target.VirtualService.VirtualServiceName),
            label: target.Port !== undefined ? `port ${target.Port}` : undefined,
          });
        }
        break;
      }
      case 'AWS::AppMesh::VirtualService': {
        add('service', p.VirtualServiceName, String(p.VirtualServiceName));
        const provider = spec(r).Provider ?? {};
        if (provider.VirtualRouter) edges.push({ from: id(mesh, 'service', p.VirtualServiceName), to: id(mesh, 'router', provider.VirtualRouter.VirtualRouterName) });
        if (provider.VirtualNode) edges.push({ from: id(mesh, 'service', p.VirtualServiceName), to: id(mesh, 'node', provider.VirtualNode.VirtualNodeName) });
        break;
      }
      case 'AWS::AppMesh::VirtualRouter':
        add('router', p.VirtualRouterName, `${p.VirtualRouterName}\n${ports(spec(r).Listeners)}`);
        break;
      case 'AWS::AppMesh::Route': {
        const { protocol, body } = routeBody(spec(r));
        const priority = spec(r).Priority !== undefined ? ` (priority ${spec(r).Priority})` : '';
        add('route', p.RouteName, `${p.RouteName}\n${protocol} ${matchText(body)}${priority}`.trim(), p.VirtualRouterName);
        edges.push({ from: id(mesh, 'router', p.VirtualRouterName), to: id(mesh, 'route', p.VirtualRouterName, p.RouteName) });
        for (const t of body.Action?.WeightedTargets ?? []) {
          edges.push({
            from: id(mesh, 'route', p.VirtualRouterName, p.RouteName),
            to: id(mesh, 'node', t.VirtualNode),
            label: `weight ${t.Weight}${t.Port !== undefined ? `, port ${t.Port}` : ''}`,
          });
        }
        break;
      }
      case 'AWS::AppMesh::VirtualNode': {
        const discovery = spec(r).ServiceDiscovery ?? {};
        const where = discovery.DNS?.Hostname ?? (discovery.AWSCloudMap ? `${discovery.AWSCloudMap.ServiceName}.${discovery.AWSCloudMap.NamespaceName}` : '');
        add('node', p.VirtualNodeName, [p.VirtualNodeName, ports(spec(r).Listeners), where].filter((x) => x).join('\n'));
        for (const b of spec(r).Backends ?? []) {
          if (b.VirtualService) edges.push({ from: id(mesh, 'node', p.VirtualNodeName), to: id(mesh, 'service', b.VirtualService.VirtualServiceName), label: 'backend', dashed: true });
        }
        break;
      }
    }
  }
  return { meshes: [...meshes.entries()].map(([name, nodes]) => ({ name, nodes })), edges };
}

const SHAPES: Record<GraphNode['kind'], { dot: string; fill: string; mermaid: [string, string] }> = {
  gateway: { dot: 'invhouse', fill: '#fde2c8', mermaid: ['[/', '\\]'] },
  gatewayRoute: { dot: 'note', fill: '#fff3d6', mermaid: ['>', ']'] },
  service: { dot: 'ellipse', fill: '#d8ecff', mermaid: ['([', '])'] },
  router: { dot: 'diamond', fill: '#e6dcff', mermaid: ['{', '}'] },
  route: { dot: 'note', fill: '#f1ebff', mermaid: ['>', ']'] },
  node: { dot: 'box', fill: '#dff5e1', mermaid: ['[', ']'] },
};

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

export function toDot(t: Topology): string {
  const lines = ['digraph appmesh {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=11, style=filled];', '  edge [fontname="Helvetica", fontsize=10];'];
  t.meshes.forEach((mesh, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${quote(`mesh ${mesh.name}`)};`, '    style=rounded;');
    for (const n of mesh.nodes) {
      lines.push(`    ${quote(n.id)} [label=${quote(`${n.label}\n(${KIND_LABEL[n.kind]})`)}, shape=${SHAPES[n.kind].dot}, fillcolor=${quote(SHAPES[n.kind].fill)}];`);
    }
    lines.push('  }');
  });
  for (const e of t.edges) {
    const attrs = [e.label && `label=${quote(e.label)}`, e.dashed && 'style=dashed'].filter((a) => a);
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function toMermaid(t: Topology): string {
  const ids = new Map<string, string>();
  const idOf = (key: string) => ids.get(key) ?? (ids.set(key, `n${ids.size}`), ids.get(key)!);
  const text = (s: string) => `"${s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>')}"`;
  const lines = ['flowchart LR'];
  t.meshes.forEach((mesh, i) => {
    lines.push(`  subgraph mesh${i}[${text(`mesh ${mesh.name}`)}]`);
    for (const n of mesh.nodes) {
      const [open, close] = SHAPES[n.kind].mermaid;
      lines.push(`    ${idOf(n.id)}${open}${text(`${n.label}\n(${KIND_LABEL[n.kind]})`)}${close}`);
    }
    lines.push('  end');
  });
  for (const e of t.edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(`  ${idOf(e.from)} ${arrow}${e.label ? `|${text(e.label)}|` : ''} ${idOf(e.to)}`);
  }
  return lines.join('\n') + '\n';
}

/** SVG laid out by Graphviz's dot (compiled to WebAssembly: @viz-js/viz). */
export async function toSvg(t: Topology): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(toDot(t), { format: 'svg', engine: 'dot' });
}

export const graphCommand: Command = {
  name: 'graph',
  usage: 'graph <app> [--format mermaid|dot|svg] [-o <file>]',
  brief: 'the topology of every mesh as Mermaid, Graphviz DOT or SVG',
  summary: 'Draws every mesh of the app: virtual gateways → gateway routes → virtual services → routers → routes (with target '
    + 'weights) → virtual nodes, and each node\'s backends (dashed). SVG is laid out by Graphviz (dot), compiled to WebAssembly.',
  description: APP_HELP,
  options: {
    ...APP_OPTIONS,
    format: { type: 'string', value: '<format>', help: 'mermaid (default), dot or svg' },
    output: { type: 'string', short: 'o', value: '<file>', help: 'the file to write (default: standard output)' },
  },
  positionals: [1, 1],
  async run(args) {
    const format = stringOption(args, 'format') ?? 'mermaid';
    if (!['mermaid', 'dot', 'svg'].includes(format)) throw new CliError(`graph: --format must be mermaid, dot or svg, not '${format}'`);
    const t = topology((await appMeshSource(args)).resources);
    if (format === 'svg') progress('laying out the graph…');
    const text = format === 'svg' ? await toSvg(t) : format === 'dot' ? toDot(t) : toMermaid(t);
    const output = stringOption(args, 'output');
    if (output === undefined) process.stdout.write(text);
    else (await import('node:fs')).writeFileSync(output, text);
    return 0;
  },
};
