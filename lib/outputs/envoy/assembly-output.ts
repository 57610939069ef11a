import * as fs from 'node:fs';
import * as path from 'node:path';
import { appMeshBootstrap } from './bootstrap';
import { toYaml } from './emit';
import { graphProxyIdentity, hasLiteralRegion } from './identity';
import { compileStandalone } from './standalone/compiler';
import { MeshView } from './standalone/mesh-view';
import { wholeMeshGraph } from '../../model/mesh-group';
import { MeshOutputContext, fileName, proxyFileStem, registerMeshOutput } from '../../private/mesh-outputs';
import { MeshKitError } from '../../rules/mesh-kit-error';

/** Context key that turns the Envoy files off (`cdk synth -c appmesh-kit:envoyOutput=false`). */
export const ENVOY_OUTPUT_CONTEXT = 'appmesh-kit:envoyOutput';

/**
 * Writes every node's and gateway's Envoy configurations into the cloud assembly:
 * `envoy/<mesh>/<resource>.appmesh.yaml` (bootstrap, with the stack's Region) and
 * `envoy/<mesh>/<resource>.standalone.yaml`. A configuration that cannot be produced is skipped
 * with a warning that says which value and why; an environment-agnostic stack gets one note.
 */
function writeEnvoyFiles(context: MeshOutputContext): void {
  // The mesh object's nodes and gateways, compiled against the whole mesh (another mesh object may define what they call).
  const view = new MeshView(wholeMeshGraph(context.graph.registry));
  const withoutRegion: string[] = [];
  const dir = path.join(context.outdir, 'envoy', fileName(context.meshFileStem));
  // One mkdir, when the first file is written (not per file).
  let made = false;
  for (const proxy of view.graph.proxiesDefinedThrough(context.graph.registry)) {
    const model = proxy.resolved;
    const write = (mode: string, build: () => Record<string, unknown>) => {
      try {
        const yaml = toYaml(build());
        if (!made) fs.mkdirSync(dir, { recursive: true });
        made = true;
        const stem = proxyFileStem(context.graph.registry, model.kind === 'virtualGateway' ? 'virtualGateway' : 'virtualNode', String(model.name));
        fs.writeFileSync(path.join(dir, fileName(stem, `.${mode}.yaml`)), yaml);
      } catch (error) {
        if (!(error instanceof MeshKitError)) throw error;
        context.addWarning(`appmesh-kit:envoy-${mode}`, `the ${mode} Envoy configuration was not written: ${error.message}`, proxy.path);
      }
    };
    if (hasLiteralRegion(proxy)) write('appmesh', () => appMeshBootstrap(graphProxyIdentity(proxy), {}));
    else withoutRegion.push(proxy.path);
    write('standalone', () => compileStandalone(view, view.use(proxy), {}));
  }
  if (withoutRegion.length > 0) {
    context.addInfo(`the App Mesh Envoy bootstraps (envoy/<mesh>/*.appmesh.yaml) of ${withoutRegion.length} resource(s) were not `
      + 'written: the stack has no Region, and a bootstrap names its Region\'s App Mesh endpoint. Fix: give the stack an env with '
      + 'a region (new Stack(app, id, { env: { region } })), or build them with EnvoyConfig.appMesh(resource, { region })');
  }
}

registerMeshOutput({ name: 'envoy', offSwitch: ENVOY_OUTPUT_CONTEXT, write: writeEnvoyFiles });
