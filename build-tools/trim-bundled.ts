/**
 * Runs before `npm pack` (the `prepack` task): keeps what nobody loads out of the tarball's
 * bundled dependencies. npm packs a bundled dependency with its own `files` list, and honours an
 * `.npmignore` in one of its subdirectories, so this writes one there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Per bundled package: subdirectory → the patterns left out of the tarball. */
const LEAVE_OUT: Record<string, Record<string, string[]>> = {
  // Temporary files Vite's dependency scan can leave beside js-yaml's sources.
  'js-yaml': { lib: ['*.tmp.mjs'] },
};

const root = path.join(__dirname, '..');
for (const [pkg, folders] of Object.entries(LEAVE_OUT)) {
  for (const [folder, patterns] of Object.entries(folders)) {
    const dir = path.join(root, 'node_modules', pkg, folder);
    if (!fs.existsSync(dir)) throw new Error(`bundled dependency ${pkg} has no ${folder}/: update build-tools/trim-bundled.ts`);
    fs.writeFileSync(path.join(dir, '.npmignore'), `${patterns.join('\n')}\n`);
  }
}
