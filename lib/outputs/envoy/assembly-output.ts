import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, ISynthesisSession, Stack, Token, attachCustomSynthesis } from 'aws-cdk-lib';
import { EnvoyConfig, IEnvoyProxiedResource } from './envoy-config';
import { EnvoyConfigError } from './envoy-config-error';
import { MeshView } from './standalone/mesh-view';

/** One view per mesh per synthesis: every node and gateway of the mesh compiles from it. */
const VIEWS = new WeakMap<ISynthesisSession, Map<object, MeshView>>();

function viewFor(session: ISynthesisSession, mesh: object): MeshView {
  let views = VIEWS.get(session);
  if (!views) {
    views = new Map();
    VIEWS.set(session, views);
  }
  let view = views.get(mesh);
  if (!view) {
    view = new MeshView(mesh);
    views.set(mesh, view);
  }
  return view;
}

/** Context key that turns the Envoy files off (`cdk synth -c appmesh-kit:envoyOutput=false`). */
export const ENVOY_OUTPUT_CONTEXT = 'appmesh-kit:envoyOutput';

/**
 * A file name from a resource name: characters a file system dislikes become `_`, and a name too
 * long for one path segment (App Mesh names reach 255 characters) is cut and keeps a hash.
 */
function fileName(name: string, suffix = ''): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  if (safe.length + suffix.length <= 255) return safe + suffix;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${safe.slice(0, 255 - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/**
 * When the app synthesizes, writes the resource's Envoy configurations into the cloud assembly:
 * `envoy/<mesh>/<resource>.appmesh.yaml` (bootstrap, with the stack's Region) and
 * `envoy/<mesh>/<resource>.standalone.yaml`. A configuration that cannot be produced is skipped
 * with a warning that says which value and why.
 */
export function writeEnvoyConfigsAtSynth(resource: IEnvoyProxiedResource, name: () => string): void {
  attachCustomSynthesis(resource as any, {
    onSynthesize(session: ISynthesisSession) {
      const stack = Stack.of(resource);
      const enabled = resource.node.tryGetContext(ENVOY_OUTPUT_CONTEXT);
      if (enabled === false || enabled === 'false') return;
      const meshName = String(stack.resolve(resource.mesh.meshName));
      const resourceName = String(stack.resolve(name()));
      const dir = path.join(session.outdir, 'envoy', fileName(meshName));
      const outputs: [string, () => EnvoyConfig][] = [
        ['appmesh', () => EnvoyConfig.appMesh(resource)],
        ['standalone', () => EnvoyConfig._standaloneIn(viewFor(session, resource.mesh), resource)],
      ];
      for (const [mode, build] of outputs) {
        try {
          const yaml = build().toYaml();
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, fileName(resourceName, `.${mode}.yaml`)), yaml);
        } catch (error) {
          if (!(error instanceof EnvoyConfigError)) throw error;
          const message = `the ${mode} Envoy configuration was not written: ${error.message}`;
          // An environment-agnostic stack has no Region for the bootstrap: expected, so only a note.
          if (mode === 'appmesh' && Token.isUnresolved(stack.region)) Annotations.of(resource).addInfo(message);
          else Annotations.of(resource).addWarningV2(`appmesh-kit:envoy-${mode}`, message);
        }
      }
    },
  });
}
