// A type-only import: package.json has no "type": "module", so tsc treats this
// file as CommonJS and rejects a value import of the ESM-only 'vitest/config'
// (TS1479). Vitest loads the file itself, so the plain object below is all it needs.
import type { ViteUserConfig } from 'vitest/config' with { 'resolution-mode': 'import' };

const config: ViteUserConfig = {
  resolve: {
    // lib/ holds jsii-compiled .js next to the .ts sources; prefer .ts so
    // tests always exercise the TypeScript sources, never stale build output.
    extensions: ['.ts', '.mts', '.mjs', '.js', '.json'],
  },
  test: {
    include: ['test/**/*.test.ts', 'cli/test/**/*.test.ts'],
    // One temporary folder per run, removed at its end (apps without an outdir write into it).
    globalSetup: ['test/support/temp-dir.ts'],
    // CDK synth is slow; keep generous headroom for large stacks.
    testTimeout: 60000,
    hookTimeout: 60000,
    // Forks isolate each test file in its own process (CDK keeps global state).
    pool: 'forks',
  },
};

export default config;
