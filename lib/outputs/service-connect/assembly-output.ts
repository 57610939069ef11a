import * as fs from 'node:fs';
import * as path from 'node:path';
import { serviceConnectJson } from './service-connect-config';
import { buildServiceConnectModel } from './service-connect-model';
import { wholeMeshGraph } from '../../model/mesh-group';
import { VirtualNodeSpecModel } from '../../model/spec';
import { MeshOutputContext, fileName, registerMeshOutput } from '../../private/mesh-outputs';
import { DiagnosticSeverity } from '../../rules/diagnostic';

/** Context key that turns the Service Connect files off (`cdk synth -c appmesh-kit:serviceConnectOutput=false`). */
export const SERVICE_CONNECT_OUTPUT_CONTEXT = 'appmesh-kit:serviceConnectOutput';

/**
 * Writes `service-connect/<mesh>/<node>.json` into the cloud assembly for every node with
 * listeners: the ECS `serviceConnectConfiguration` and the app container's port mappings, with
 * the defaults (namespace and discovery name from the node's service discovery, no proxy log
 * driver, so no access log). A node whose configuration breaks an `AMK_SC_*` error rule is
 * skipped with a note on the mesh that says why; nothing here warns, so a mesh that is not
 * moving to Service Connect synthesizes as quietly as before.
 */
function writeServiceConnectFiles(context: MeshOutputContext): void {
  // This mesh object's nodes, read in the whole mesh: callers and aliases may come from its other mesh objects.
  const graph = wholeMeshGraph(context.graph.registry);
  let made = false;
  for (const node of graph.definedThrough<VirtualNodeSpecModel>(context.graph.registry, 'virtualNode')) {
    if ((node.resolved.spec?.listeners ?? []).length === 0) continue;
    const model = buildServiceConnectModel(graph, node, { hasLogDriver: false });
    const error = model.diagnostics.find((d) => d.severity === DiagnosticSeverity.ERROR);
    if (error) {
      context.addInfo(`service-connect file of ${node.path} not written: [${error.code}] ${error.field}: ${error.message}. ${error.fix}`);
      continue;
    }
    const json = serviceConnectJson(model, undefined);
    const dir = path.join(context.outdir, 'service-connect', fileName(context.meshFileStem));
    if (!made) fs.mkdirSync(dir, { recursive: true });
    made = true;
    fs.writeFileSync(path.join(dir, fileName(node.name ?? node.path, '.json')), `${JSON.stringify(json, null, 2)}\n`);
  }
}

registerMeshOutput({ name: 'service-connect', offSwitch: SERVICE_CONNECT_OUTPUT_CONTEXT, write: writeServiceConnectFiles });
