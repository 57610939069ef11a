import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { requireToolOrSkip } from './tools';

/** One ECS API call to validate: the operation's name and its input. */
export interface EcsApiInput {
  readonly operation: string;
  readonly params: unknown;
}

const SCRIPT = path.join(__dirname, 'ecs_api_model.py');

/**
 * Whether botocore (the ECS API model) can be used: python3 with botocore importable. Missing,
 * it fails under APPMESH_KIT_REQUIRE_TOOLS=1 and otherwise warns loudly (the caller skips).
 */
export function ecsApiModelAvailable(): boolean {
  return requireToolOrSkip('botocore', 'python3', ['-c', 'import botocore.session, botocore.validate']);
}

/** The errors of each input against botocore's ECS service model (empty when it is valid). */
export function validateEcsApi(inputs: EcsApiInput[]): string[][] {
  const result = spawnSync('python3', [SCRIPT], { input: JSON.stringify(inputs), encoding: 'utf8', timeout: 60000 });
  if (result.status !== 0) throw new Error(`ecs_api_model.py failed: ${result.stderr || result.error}`);
  return JSON.parse(result.stdout) as string[][];
}
