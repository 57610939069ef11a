/**
 * Evaluates the CloudFormation intrinsics string handling uses (Ref, Fn::Split, Fn::Select,
 * Fn::Join) with given parameter values, so a test can check what a token expression yields.
 */
export function evaluateIntrinsic(expr: unknown, refs: Record<string, string>): unknown {
  if (expr === null || typeof expr !== 'object') return expr;
  if (Array.isArray(expr)) return expr.map((e) => evaluateIntrinsic(e, refs));
  const [fn, args] = Object.entries(expr as Record<string, any>)[0];
  switch (fn) {
    case 'Ref':
      if (!(args in refs)) throw new Error(`no value for Ref ${args}`);
      return refs[args];
    case 'Fn::Split':
      return String(evaluateIntrinsic(args[1], refs)).split(args[0]);
    case 'Fn::Select':
      return (evaluateIntrinsic(args[1], refs) as unknown[])[args[0]];
    case 'Fn::Join':
      return (evaluateIntrinsic(args[1], refs) as unknown[]).join(args[0]);
    default:
      throw new Error(`intrinsic ${fn} is not supported by this evaluator`);
  }
}
