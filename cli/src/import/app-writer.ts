import { arr, call, identifier, obj, str } from './code';
import { Fields } from './fields';
import { gatewayRouteSpec, routeSpec } from './route-code';
import {
  accessLog, clientPolicy, CodeContext, egressFilter, ipPreference, listener, routerListener, serviceDiscovery, tags,
} from './spec-code';
import { MeshSource, SourceResource } from './template-source';
import { CliError } from '../cli-error';

type Kind = 'virtualNode' | 'virtualService' | 'virtualRouter';

/** The CDK submodules the generated app may import, by the alias it uses. */
const CDK_MODULES: Record<string, string> = { acm: 'aws-certificatemanager', acmpca: 'aws-acmpca' };

/**
 * Writes a complete TypeScript CDK app (new App(), one stack, the meshes, app.synth()) that builds
 * the source's App Mesh resources with appmesh-kit's public API.
 */
export class AppWriter implements CodeContext {
  /** The construct id of a resource: its App Mesh name (its logical id when it has none). */
  private static constructId(name: string | undefined, resource: SourceResource): string {
    return (name ?? resource.logicalId).replace(/\//g, '_');
  }

  private readonly kit = new Set<string>();
  private readonly cdkCore = new Set<string>(['App', 'Stack']);
  private readonly cdkModules = new Set<string>();
  private readonly variables = new Set<string>();
  private readonly refs = new Map<string, string>();
  private readonly importIds = new Map<string, number>();
  private readonly lines: string[] = [];
  /** The mesh whose resources are being written: references resolve within it. */
  private currentMesh = '';

  /**
   * @param region the Region of a mesh shared from another account (its ARN needs one; the
   * properties the app renders, MeshName and MeshOwner, do not depend on it)
   */
  constructor(private readonly source: MeshSource, private readonly region = 'us-east-1') {}

  public use(symbol: string): string {
    this.kit.add(symbol);
    return symbol;
  }

  public cdk(symbol: string): string {
    const [module] = symbol.split('.');
    if (symbol.includes('.')) this.cdkModules.add(module);
    else this.cdkCore.add(symbol);
    return symbol;
  }

  public ref(kind: Kind, name: string, where: string): string {
    const variable = this.refs.get(`${this.currentMesh}\u0000${kind}\u0000${name}`);
    if (!variable) throw new CliError(`${where}: the ${kind} '${name}' is not in the template (mesh ${this.currentMesh})`);
    return variable;
  }

  public importId(base: string): string {
    const n = (this.importIds.get(base) ?? 0) + 1;
    this.importIds.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  }

  private define(kind: string, name: string, resource: SourceResource): string {
    const variable = identifier(name || resource.logicalId, this.variables);
    this.refs.set(`${this.currentMesh}\u0000${kind}\u0000${name}`, variable);
    return variable;
  }

  /** The fields of a resource, with MeshName and MeshOwner taken (the mesh the resource is written in says them). */
  private fields(resource: SourceResource): Fields {
    const f = new Fields(resource.properties, `resource ${resource.logicalId} (${resource.type})`);
    f.take('MeshName');
    f.take('MeshOwner');
    return f;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  public write(): string {
    const byMesh = new Map<string, SourceResource[]>();
    for (const r of this.source.resources) {
      const meshName = r.properties.MeshName;
      if (typeof meshName !== 'string') {
        throw new CliError(`resource ${r.logicalId} (${r.type}) field MeshName: ${meshName === undefined ? 'missing' : 'not a name'}`);
      }
      byMesh.set(meshName, [...(byMesh.get(meshName) ?? []), r]);
    }
    for (const [meshName, resources] of byMesh) this.writeMesh(meshName, resources);
    return this.render();
  }

  private writeMesh(meshName: string, resources: SourceResource[]): void {
    this.currentMesh = meshName;
    const of = (type: string) => resources.filter((r) => r.type === `AWS::AppMesh::${type}`);
    const meshVar = identifier(byMeshCount(this.refs) === 0 ? 'mesh' : `${meshName}Mesh`, this.variables);
    this.refs.set(`mesh\u0000${meshName}`, meshVar);
    const [meshResource, ...more] = of('Mesh');
    if (more.length > 0) throw new CliError(`resources ${of('Mesh').map((m) => m.logicalId).join(', ')} both define mesh ${meshName}`);
    const owners = [...new Set(resources.map((r) => r.properties.MeshOwner).filter((o) => o !== undefined))];
    if (owners.length > 1 || (owners.length === 1 && (meshResource || typeof owners[0] !== 'string'))) {
      const r = resources.find((x) => x.properties.MeshOwner !== undefined)!;
      throw new CliError(`resource ${r.logicalId} (${r.type}) field MeshOwner: ${JSON.stringify(r.properties.MeshOwner)} `
        + `${meshResource ? `names another owner than mesh ${meshName} of this template` : 'disagrees with the other resources of the mesh'}`);
    }
    const owner = owners[0] as string | undefined;
    this.emit('');
    if (meshResource) {
      const f = this.fields(meshResource);
      const spec = f.object('Spec');
      const props = obj([
        ['meshName', str(meshName)],
        ['egressFilter', egressFilterOf(spec, this)],
        ['ipPreference', ipPreferenceOf(spec, this)],
        ['tags', tags(f.list('Tags'))],
      ]);
      f.done();
      this.emit(`const ${meshVar} = new ${this.use('Mesh')}(stack, ${str(meshVar === 'mesh' ? 'Mesh' : meshName)}, ${props});`);
    } else if (owner !== undefined) {
      const arn = `arn:aws:appmesh:${this.region}:${owner}:mesh/${meshName}`;
      this.emit(`// Mesh ${meshName} belongs to account ${owner}, which shares it with this one; its Region is ${this.region} (import --region).`);
      this.emit(`const ${meshVar} = ${this.use('Mesh')}.fromMeshArn(stack, ${str(`${meshName}-mesh`)}, ${str(arn)});`);
    } else {
      this.emit(`const ${meshVar} = ${this.use('Mesh')}.fromMeshName(stack, ${str(`${meshName}-mesh`)}, ${str(meshName)});`);
    }

    // Backends name virtual services, which may be provided by nodes: added once the services exist.
    const backends: Array<{ node: string; service: string; where: string; policy?: string }> = [];
    for (const r of of('VirtualNode')) {
      const f = this.fields(r);
      const name = f.string('VirtualNodeName');
      const spec = f.object('Spec') ?? f.empty('Spec');
      const variable = this.define('virtualNode', name ?? '', r);
      const listeners = spec.list('Listeners').map((l) => listener(l, 'VirtualNodeListener', this));
      const backendDefaults = spec.object('BackendDefaults');
      const props = obj([
        ['virtualNodeName', name && str(name)],
        ['serviceDiscovery', serviceDiscovery(spec.object('ServiceDiscovery'), this)],
        ['listeners', arr(listeners)],
        ['backendDefaults', backendDefaults && obj([['tlsClientPolicy', clientPolicy(backendDefaults.object('ClientPolicy'), this)]])],
        ['accessLog', accessLog(spec.object('Logging'), this)],
        ['tags', tags(f.list('Tags'))],
      ]);
      for (const b of spec.list('Backends')) {
        const service = b.object('VirtualService');
        if (!service) continue;
        const policy = clientPolicy(service.object('ClientPolicy'), this);
        backends.push({ node: variable, service: service.string('VirtualServiceName') ?? '', where: service.field('VirtualServiceName'), policy });
      }
      f.done();
      this.emit(`const ${variable} = ${meshVar}.addVirtualNode(${str(AppWriter.constructId(name, r))}, ${props ?? '{}'});`);
    }

    for (const r of of('VirtualRouter')) {
      const f = this.fields(r);
      const name = f.string('VirtualRouterName');
      const variable = this.define('virtualRouter', name ?? '', r);
      const listeners = (f.object('Spec')?.list('Listeners') ?? []).map((l) => routerListener(l, this));
      const props = obj([
        ['virtualRouterName', name && str(name)],
        ['listeners', arr(listeners)],
        ['tags', tags(f.list('Tags'))],
      ]);
      f.done();
      this.emit(`const ${variable} = ${meshVar}.addVirtualRouter(${str(AppWriter.constructId(name, r))}, ${props ?? '{}'});`);
    }

    for (const r of of('Route')) {
      const f = this.fields(r);
      const name = f.string('RouteName');
      const router = this.ref('virtualRouter', f.string('VirtualRouterName') ?? '', f.field('VirtualRouterName'));
      const props = obj([
        ['routeName', name && str(name)],
        ['routeSpec', routeSpec(f.object('Spec') ?? f.empty('Spec'), this)],
        ['tags', tags(f.list('Tags'))],
      ]);
      f.done();
      this.emit(`${router}.addRoute(${str(AppWriter.constructId(name, r))}, ${props});`);
    }

    for (const r of of('VirtualService')) {
      const f = this.fields(r);
      const name = f.string('VirtualServiceName');
      const provider = f.object('Spec')?.object('Provider');
      const kind = provider?.oneOf(['VirtualNode', 'VirtualRouter']);
      let providerCode: string | undefined;
      if (kind === 'VirtualNode') {
        const node = provider!.object('VirtualNode')!;
        providerCode = call(`${this.use('VirtualServiceProvider')}.virtualNode`,
          this.ref('virtualNode', node.string('VirtualNodeName') ?? '', node.field('VirtualNodeName')));
      } else if (kind === 'VirtualRouter') {
        const router = provider!.object('VirtualRouter')!;
        providerCode = call(`${this.use('VirtualServiceProvider')}.virtualRouter`,
          this.ref('virtualRouter', router.string('VirtualRouterName') ?? '', router.field('VirtualRouterName')));
      }
      const variable = this.define('virtualService', name ?? '', r);
      const props = obj([['virtualServiceName', name && str(name)], ['provider', providerCode], ['tags', tags(f.list('Tags'))]]);
      f.done();
      this.emit(`const ${variable} = ${meshVar}.addVirtualService(${str(AppWriter.constructId(name, r))}, ${props ?? '{}'});`);
    }

    for (const b of backends) {
      const service = this.ref('virtualService', b.service, b.where);
      this.emit(`${b.node}.addBackend(${call(`${this.use('Backend')}.virtualService`, service, b.policy && obj([['tlsClientPolicy', b.policy]]))});`);
    }

    const gateways = new Map<string, string>();
    for (const r of of('VirtualGateway')) {
      const f = this.fields(r);
      const name = f.string('VirtualGatewayName');
      const spec = f.object('Spec') ?? f.empty('Spec');
      const variable = identifier(name ?? r.logicalId, this.variables);
      gateways.set(name ?? '', variable);
      const listeners = spec.list('Listeners').map((l) => listener(l, 'VirtualGatewayListener', this));
      const backendDefaults = spec.object('BackendDefaults');
      const props = obj([
        ['virtualGatewayName', name && str(name)],
        ['listeners', arr(listeners)],
        ['backendDefaults', backendDefaults && obj([['tlsClientPolicy', clientPolicy(backendDefaults.object('ClientPolicy'), this)]])],
        ['accessLog', accessLog(spec.object('Logging'), this)],
        ['tags', tags(f.list('Tags'))],
      ]);
      f.done();
      this.emit(`const ${variable} = ${meshVar}.addVirtualGateway(${str(AppWriter.constructId(name, r))}, ${props ?? '{}'});`);
    }

    for (const r of of('GatewayRoute')) {
      const f = this.fields(r);
      const name = f.string('GatewayRouteName');
      const gatewayName = f.string('VirtualGatewayName') ?? '';
      const gateway = gateways.get(gatewayName);
      if (!gateway) throw new CliError(`${f.field('VirtualGatewayName')}: the virtual gateway '${gatewayName}' is not in the template (mesh ${meshName})`);
      const props = obj([
        ['gatewayRouteName', name && str(name)],
        ['routeSpec', gatewayRouteSpec(f.object('Spec') ?? f.empty('Spec'), this)],
        ['tags', tags(f.list('Tags'))],
      ]);
      f.done();
      this.emit(`${gateway}.addGatewayRoute(${str(AppWriter.constructId(name, r))}, ${props});`);
    }
  }

  private render(): string {
    const core = [...this.cdkCore].sort();
    const header = [
      `// Generated by appmesh-kit import from ${this.source.description}. The App Mesh resources, as appmesh-kit constructs.`,
      importLine(core, 'aws-cdk-lib'),
      ...[...this.cdkModules].sort().map((m) => `import * as ${m} from 'aws-cdk-lib/${CDK_MODULES[m]}';`),
      importLine([...this.kit].sort(), 'appmesh-kit'),
      '',
      'const app = new App();',
      `const stack = new Stack(app, ${str(this.source.stackName)});`,
    ];
    return [...header, ...this.lines, '', 'app.synth();', ''].join('\n');
  }
}

function importLine(names: string[], from: string): string {
  const line = `import { ${names.join(', ')} } from '${from}';`;
  return line.length <= 150 ? line : `import {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${from}';`;
}

function egressFilterOf(spec: Fields | undefined, ctx: CodeContext): string | undefined {
  const filter = spec?.object('EgressFilter');
  return filter && egressFilter(filter, ctx);
}

function ipPreferenceOf(spec: Fields | undefined, ctx: CodeContext): string | undefined {
  const discovery = spec?.object('ServiceDiscovery');
  return discovery && ipPreference(discovery, ctx);
}

function byMeshCount(refs: Map<string, string>): number {
  return [...refs.keys()].filter((k) => k.startsWith('mesh\u0000')).length;
}
