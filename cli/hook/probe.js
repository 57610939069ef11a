// @ts-check
'use strict';
/*
 * Preloaded (NODE_OPTIONS=--require) into the process that runs the user's CDK app, so it works the
 * same for a .ts app under tsx, a .js app and a cdk.json `app` command (node processes it starts
 * inherit NODE_OPTIONS). It wraps the synth of the root App of every aws-cdk-lib copy the app
 * loads and, before the real synth, asks the app's own Mesh objects (its own appmesh-kit) what
 * the command wants: validate() diagnostics, or explain() of a request. The answer goes as JSON to
 * the file the task names; the command line reads it after the app exits.
 */
const Module = require('node:module');
const fs = require('node:fs');

/** @type {{ op: string, result: string, from?: string, to?: string, request?: Record<string, unknown> }} */
const task = JSON.parse(process.env.APPMESH_KIT_PROBE || '{}');
const patchedStages = new WeakSet();
let answered = false;

/** @param {Record<string, unknown>} result */
function write(result) {
  fs.writeFileSync(task.result, JSON.stringify(result, durations, 2));
}

/** Durations (aws-cdk-lib Duration) as milliseconds. @param {string} _key @param {any} value */
function durations(_key, value) {
  return value && typeof value === 'object' && typeof value.toMilliseconds === 'function' ? value.toMilliseconds() : value;
}

/** A resource's name as the template holds it, else its construct path. @param {any} resource @param {string} name */
function nameOf(resource, name) {
  try {
    const resolved = resource.stack.resolve(name);
    return typeof resolved === 'string' ? resolved : resource.node.path;
  } catch {
    return resource.node.path;
  }
}

/** @param {any} root */
function meshesOf(root) {
  return root.node.findAll().filter((/** @type {any} */ c) => c._kind === 'mesh' && typeof c.validate === 'function');
}

/** The virtual node or gateway `from` names: by resource name, construct path or construct id. @param {any} root */
function findSource(root, from) {
  const all = root.node.findAll().filter((/** @type {any} */ c) => c._kind === 'virtualNode' || c._kind === 'virtualGateway');
  const label = (/** @type {any} */ c) => nameOf(c, c._kind === 'virtualNode' ? c.virtualNodeName : c.virtualGatewayName);
  const hits = all.filter((/** @type {any} */ c) => label(c) === from || c.node.path === from);
  const found = hits.length ? hits : all.filter((/** @type {any} */ c) => c.node.id === from);
  if (found.length === 1) return { source: found[0] };
  const known = all.map(label).join(', ') || 'none';
  return {
    error: found.length === 0
      ? `no virtual node or virtual gateway named '${from}' (the app has: ${known})`
      : `'${from}' names ${found.length} resources: give the construct path (${found.map((/** @type {any} */ c) => c.node.path).join(', ')})`,
  };
}

/** @param {any} root */
function explain(root) {
  const found = findSource(root, task.from ?? '');
  if (!found.source) return { error: found.error };
  const source = found.source;
  const request = { ...task.request };
  if (source._kind === 'virtualNode') {
    const to = task.to ?? '';
    if (!to) return { error: '--to is required from a virtual node: the virtual service it calls (service or service:port)' };
    const colon = to.lastIndexOf(':');
    const service = colon > 0 && /^\d+$/.test(to.slice(colon + 1)) ? to.slice(0, colon) : to;
    if (service !== to) request.port = Number(to.slice(colon + 1));
    Object.assign(request, { virtualNode: source, virtualServiceName: service });
  } else {
    if (task.to !== undefined && !/^\d+$/.test(task.to)) {
      return { error: `--to of a virtual gateway is its listener port (a number), not '${task.to}'` };
    }
    if (task.to !== undefined) request.port = Number(task.to);
    request.virtualGateway = source;
  }
  return { explanation: source.mesh.explain(request) };
}

/** @param {any} Stage */
function patch(Stage) {
  if (patchedStages.has(Stage)) return;
  patchedStages.add(Stage);
  const synth = Stage.prototype.synth;
  Stage.prototype.synth = function (/** @type {unknown} */ options) {
    if (this.node.scope !== undefined || answered) return synth.call(this, options);
    answered = true;
    /** @type {Record<string, unknown>} */
    const result = {};
    if (task.op === 'validate') {
      result.meshes = meshesOf(this).map((/** @type {any} */ m) => ({ path: m.node.path, name: nameOf(m, m.meshName), diagnostics: m.validate() }));
    }
    if (task.op === 'explain') {
      // The question needs no cloud assembly: answer and stop the app here.
      write(explain(this));
      process.exit(0);
    }
    write(result);
    try {
      const assembly = synth.call(this, options);
      write({ ...result, assemblyDir: assembly.directory });
      return assembly;
    } catch (error) {
      write({ ...result, synthError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
}

const load = /** @type {any} */ (Module)._load;
/** @type {any} */ (Module)._load = function (/** @type {unknown[]} */ ...args) {
  const exports = load.apply(this, args);
  const Stage = exports && exports.Stage;
  if (typeof Stage === 'function' && typeof Stage.isStage === 'function' && typeof Stage.prototype.synth === 'function') patch(Stage);
  return exports;
};
