/**
 * Evaluate pending LazyNodes in one fused loop: every node of the DAG below the targets is computed
 * per element in registers, in the eager kernels' arithmetic (same expression, Math.fround where
 * the eager op would store to a Float32Array); the targets and the nodes still needed after it (`kept`) are written
 * out; a sum target accumulates its argument in index order (exactly the eager sum's order).
 * The generated loop is cached by the DAG's structure (expressions, wiring, dtypes), not its values.
 */
import type { FloatArray } from '../kernels/gemm';
import { LazyNode, stored } from './node';
import { fusedOutput, reuse } from './pool';
import { uninitialised } from './alloc';
import { exprOf } from '../ops/exprs';

type Kernel = (loads: readonly FloatArray[], outs: readonly FloatArray[], nums: readonly number[], sums: Float64Array, n: number) => void;

/** Generated loops by structure key (bounded: a program has few distinct fused shapes). */
const kernels = new Map<string, Kernel>();
const MAX_KERNELS = 256;

interface Plan {
  key: string[];
  head: string[];
  body: string[];
  loads: FloatArray[];
  nums: number[];
  /** Nodes written out, in output-slot order. */
  outs: LazyNode[];
  /** Sum nodes, in accumulator order. */
  sums: LazyNode[];
}

/** Post-order list of the pending nodes below `roots` (each once). */
function pendingOrder(roots: readonly LazyNode[]): LazyNode[] {
  const seen = new Set<LazyNode>();
  const order: LazyNode[] = [];
  for (const r of roots) {
    if (r.data !== null || seen.has(r)) continue;
    seen.add(r);
    // iterative DFS over (node, next argument index)
    const stack: [LazyNode, number][] = [[r, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const node = top[0];
      if (top[1] < node.args.length) {
        const a = node.args[top[1]++];
        if (typeof a !== 'number' && a.data === null && !seen.has(a)) {
          seen.add(a);
          stack.push([a, 0]);
        }
      } else {
        stack.pop();
        if (node.retired) throw new Error('internal: a retired deferred value was evaluated');
        order.push(node);
      }
    }
  }
  return order;
}

/**
 * Whether a computed node's values are written out: a target; saved for a backward still to come;
 * or read by a node outside this pass that may be computed later (instead of computing it again
 * there). A value only this pass reads stays in registers: a backward that computes its gradients
 * and the loss in one pass writes out no saved activation the freed graph no longer needs.
 */
function kept(order: readonly LazyNode[], targets: readonly LazyNode[]): Set<LazyNode> {
  const inPass = new Map<LazyNode, number>();
  for (const node of order) for (const a of node.args) if (typeof a !== 'number') inPass.set(a, (inPass.get(a) ?? 0) + 1);
  const out = new Set<LazyNode>();
  for (const node of order) {
    const readLater = node.pendingReaders > (inPass.get(node) ?? 0) && !node.isConstant();
    if (node.divisor === 0 && (readLater || node.saved > 0 || targets.includes(node))) out.add(node);
  }
  return out;
}

function makePlan(targets: readonly LazyNode[]): Plan {
  const order = pendingOrder(targets);
  const keep = kept(order, targets);
  const names = new Map<LazyNode, string>();
  const plan: Plan = { key: [], head: [], body: [], loads: [], nums: [], outs: [], sums: [] };
  const ref = (a: LazyNode | number): string => {
    if (typeof a === 'number') {
      // a number: hoisted out of the loop
      plan.head.push(`const p${plan.nums.length} = p[${plan.nums.length}];`);
      plan.nums.push(a);
      return `p${plan.nums.length - 1}`;
    }
    let name = names.get(a);
    if (name === undefined) {
      // a stored source: loaded once per element
      name = `v${names.size}`;
      names.set(a, name);
      plan.head.push(`const L${plan.loads.length} = loads[${plan.loads.length}];`);
      plan.body.push(`const ${name} = L${plan.loads.length}[i];`);
      plan.key.push(`L${a.data instanceof Float32Array ? 'f' : 'd'}`);
      plan.loads.push(a.data!);
    }
    return name;
  };
  for (const node of order) {
    if (node.divisor > 0) {
      const s = ref(node.args[0]);
      plan.head.push(`let s${plan.sums.length} = 0;`);
      plan.body.push(`s${plan.sums.length} += ${s};`);
      plan.key.push(`+${s}`);
      plan.sums.push(node);
      continue;
    }
    const x = node.args.length > 0 ? ref(node.args[0]) : 'undefined';
    const y = node.args.length > 1 ? ref(node.args[1]) : 'undefined';
    const name = `v${names.size}`;
    names.set(node, name);
    // the only text compiled: a frozen table entry, looked up by the node's key (never carried by the node)
    const expr = exprOf(node.op!);
    const value = node.f32 ? `Math.fround(${expr})` : expr;
    plan.body.push(`let ${name}; { const x = ${x}, y = ${y}; ${name} = ${value}; }`);
    plan.key.push(`${name}=${node.f32 ? 'f' : 'd'}(${node.op})(${x},${y})`);
    if (keep.has(node)) {
      plan.head.push(`const O${plan.outs.length} = outs[${plan.outs.length}];`);
      plan.body.push(`O${plan.outs.length}[i] = ${name};`);
      plan.key.push(`>O${plan.outs.length}`);
      plan.outs.push(node);
    }
  }
  return plan;
}

function compile(plan: Plan): Kernel {
  const key = plan.key.join(';');
  let k = kernels.get(key);
  if (k !== undefined) return k;
  const tail = plan.sums.map((_, j) => `sums[${j}] = s${j};`).join('\n');
  const code = `${plan.head.join('\n')}\nfor (let i = 0; i < n; i++) {\n${plan.body.join('\n')}\n}\n${tail}`;
  k = new Function('loads', 'outs', 'p', 'sums', 'n', code) as Kernel;
  if (kernels.size >= MAX_KERNELS) kernels.clear();
  kernels.set(key, k);
  return k;
}

/**
 * Compute `targets` (all with loop length `len`) in one pass. Every target and every node kept
 * on the way gets its storage (and is a source after); a sum target gets its one element.
 */
export function evaluate(targets: readonly LazyNode[], len: number): void {
  const plan = makePlan(targets);
  const outs = plan.outs.map((o) => reuse(o.f32, len) ?? uninitialised(o.f32, len));
  const sums = new Float64Array(plan.sums.length);
  compile(plan)(plan.loads, outs, plan.nums, sums, len);
  for (let j = 0; j < outs.length; j++) {
    stored(plan.outs[j], outs[j]);
    fusedOutput(outs[j]);
  }
  for (let j = 0; j < sums.length; j++) {
    const z = plan.sums[j];
    const d = z.f32 ? new Float32Array(1) : new Float64Array(1);
    d[0] = sums[j] / z.divisor;
    stored(z, d);
  }
}
