/**
 * The one door from the op table (table.ts) to the compilers: the scalar expression of an op, by id.
 * The table is a literal of its module, deep-frozen at load; kernels, generated derivatives and
 * deferred nodes (engine/lazy) carry an op id, never an expression, so no value that travels
 * through objects can become code.
 */
import { isOpId, TABLE } from './table';
import type { OpId } from './table';

export type ExprId = OpId;

/** The expression of `id` (in x and y); anything that is not an own key of the table is refused. */
export function exprOf(id: ExprId): string {
  if (!isOpId(id)) throw new Error(`internal: '${String(id)}' is not an elementwise expression of the engine`);
  return TABLE[id].fwd;
}
