import { IConstruct } from 'constructs';
import { renderValue } from '../rules/format';
import { MeshKitError } from '../rules/mesh-kit-error';

/**
 * CDK leaves the id 'Default' out of logical ids, so a child construct named 'Default' gets the
 * same logical id as its parent's own resource and synthesis fails far from the cause.
 */
export function rejectDefaultId(scope: IConstruct, id: string, what: string): void {
  if (id === 'Default') {
    throw new MeshKitError({
      code: 'AMK_DEFAULT_ID',
      constructPath: `${scope.node.path}/${id}`,
      field: 'id',
      value: JSON.stringify(id),
      message: `a ${what} cannot have the construct id 'Default': CDK leaves 'Default' out of logical ids, so it would `
        + `collide with ${scope.node.path}'s own resource`,
      fix: 'use another id',
    });
  }
}

/**
 * The props of a mesh resource, checked for what a construct cannot be built without: the props
 * themselves and the resource it belongs to (a mesh, a router, a gateway). Only plain JavaScript
 * can leave them out; it gets this coded error instead of a TypeError from inside.
 */
export function checkConstructArgs<P extends object>(scope: IConstruct, id: string, what: string, props: P | undefined,
  parent: keyof P & string, parentKind: string, howTo: string): P {
  rejectDefaultId(scope, id, what);
  const constructPath = `${scope.node.path}/${id}`;
  if (props === undefined || props === null || typeof props !== 'object') {
    throw new MeshKitError({
      code: 'AMK_REQUIRED',
      constructPath,
      field: 'props',
      value: renderValue(props),
      message: `a ${what} needs its props, with at least ${parent}`,
      fix: howTo,
    });
  }
  const owner = props[parent] as unknown as IConstruct | undefined;
  if (owner === undefined || owner === null || typeof owner !== 'object' || typeof owner.node !== 'object') {
    throw new MeshKitError({
      code: owner === undefined || owner === null ? 'AMK_REQUIRED' : 'AMK_WRONG_TYPE',
      constructPath,
      field: parent,
      value: renderValue(owner),
      message: `a ${what} needs ${parent}: the ${parentKind} it belongs to`,
      fix: howTo,
    });
  }
  return props;
}
