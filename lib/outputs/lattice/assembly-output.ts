import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLatticePlan } from './lattice-model';
import { renderLatticeSummary } from './lattice-summary';
import { MeshOutputContext, fileName, registerMeshOutput } from '../../private/mesh-outputs';
import { meshRegion } from '../migration/region-check';

/** Context key that turns the Lattice summary off (`cdk synth -c appmesh-kit:latticeOutput=false`). */
export const LATTICE_OUTPUT_CONTEXT = 'appmesh-kit:latticeOutput';

/**
 * Writes `lattice/<mesh>.json` into the cloud assembly: what `MeshLattice` would build for the
 * mesh (names, listeners, rules from routes, target groups) and what it would leave out, with
 * the Region of the mesh's stack. It only reads: nothing here warns, so a mesh that is not moving
 * to Lattice synthesizes as quietly as before.
 */
function writeLatticeSummary(context: MeshOutputContext): void {
  const graph = context.graph;
  if (graph.members().length === 0) return;
  const plan = buildLatticePlan(graph, { region: meshRegion(graph) });
  const dir = path.join(context.outdir, 'lattice');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, fileName(context.meshFileStem, '.json')), renderLatticeSummary(plan));
}

registerMeshOutput({ name: 'lattice', offSwitch: LATTICE_OUTPUT_CONTEXT, aboutWholeMesh: true, write: writeLatticeSummary });
