import * as fs from 'node:fs';
import * as path from 'node:path';
import { MigrationReport } from './migration-report';
import { MeshOutputContext, fileName, registerMeshOutput } from '../../private/mesh-outputs';

/** Context key that turns the migration report files off (`cdk synth -c appmesh-kit:migrationOutput=false`). */
export const MIGRATION_OUTPUT_CONTEXT = 'appmesh-kit:migrationOutput';

/** Writes `migration/<mesh>.md` and `migration/<mesh>.json` into the cloud assembly. */
function writeMigrationReport(context: MeshOutputContext): void {
  if (context.graph.members().length === 0) return;
  const report = MigrationReport._fromGraph(context.graph);
  const dir = path.join(context.outdir, 'migration');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, fileName(context.meshFileStem, '.md')), report.toMarkdown());
  fs.writeFileSync(path.join(dir, fileName(context.meshFileStem, '.json')), report.toJson());
}

registerMeshOutput({ name: 'migration', offSwitch: MIGRATION_OUTPUT_CONTEXT, aboutWholeMesh: true, write: writeMigrationReport });
