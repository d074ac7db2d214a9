/**
 * Groups of graph nodes: the loop iterations and function calls running when a tensor is made, and the
 * loop a runaway step count is blamed on.
 */
import ts from 'typescript';

/**
 * A loop iteration or function call that is running, for grouping graph nodes. Frames are cheap; one
 * gets an id (and a place in `groups`) only when a tensor is made inside it.
 */
export interface GroupFrame {
  id: string | undefined;
  readonly kind: 'loop' | 'call';
  /** The function's name for calls, the iteration number (from 1) for loops. */
  readonly what: string | number;
  readonly parent: GroupFrame | undefined;
  readonly node: ts.Node;
}

export function groupLabel(g: GroupFrame): string {
  return g.kind === 'loop' ? `iteration ${g.what}` : String(g.what);
}

/** The innermost running loop iteration's loop statement, if any. */
export function innermostLoop(stack: readonly GroupFrame[]): ts.Node | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].kind === 'loop') return stack[i].node;
  return undefined;
}

/** The innermost loop statement whose text holds `node` (its condition or update, run outside an iteration). */
export function enclosingLoop(sf: ts.SourceFile, node: ts.Node): ts.Node | undefined {
  const pos = node.getStart(sf);
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (pos < n.pos || pos >= n.end) return;
    if (ts.isIterationStatement(n, false)) found = n;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}
