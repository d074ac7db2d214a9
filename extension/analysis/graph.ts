/**
 * The autograd graph of the target, as PyTorch draws it: leaves, grad functions (showing their output's
 * value and gradient) and AccumulateGrad nodes; edges in the forward direction, labelled with the local
 * derivative. Breadth-first from the target, so a cap keeps the nodes nearest to it.
 */
import type { BackwardStep, Graph, GraphEdge, GraphGroup, GraphNode, ValueSnapshot } from './trace';
import type { RunContext } from './context';
import { groupLabel, type GroupFrame } from './groups';
import type { BindingRecord } from './binding-record';
import type { BackwardPass, StepRecord } from './backward';
import type { GradResult } from './gradients';
import type { GradNodeLike, TensorLike } from './engine-bridge';
import { Snap } from './snapshot';
import { parameterPaths } from './module-paths';
import { addOutside, type GraphUnderway } from './graph-outside';
import { isModule } from './nn-module';
import { Unknown } from './values';

export interface GraphResult {
  graph: Graph;
  steps: BackwardStep[];
  nodeIdOf: (r: BindingRecord) => string | undefined;
}

/**
 * Graph ids numbered per trace in breadth-first order from the target (`n0` is the target's grad
 * function, `t0` the first leaf), so the same code gives the same ids on every analysis.
 */
class Ids {
  private readonly fns = new Map<GradNodeLike, string>();
  private readonly leaves = new Map<TensorLike, string>();
  fn(f: GradNodeLike): string {
    let id = this.fns.get(f);
    if (id === undefined) this.fns.set(f, (id = `n${this.fns.size}`));
    return id;
  }
  leaf(t: TensorLike): string {
    let id = this.leaves.get(t);
    if (id === undefined) this.leaves.set(t, (id = `t${this.leaves.size}`));
    return id;
  }
  /** The ids already given, without numbering a new one. */
  existingFn(f: GradNodeLike): string | undefined {
    return this.fns.get(f);
  }
  existingLeaf(t: TensorLike): string | undefined {
    return this.leaves.get(t);
  }
}

class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly ids = new Set<string>();
  readonly names = new Ids();
  private readonly recordOfTensor = new Map<TensorLike, BindingRecord>();
  /** Parameters of the file's modules by module path (`linear1.weight`): what a leaf is called first. */
  private readonly paths: Map<TensorLike, string>;
  private readonly stepOf = new Map<GradNodeLike, StepRecord>();
  truncated = false;

  constructor(private readonly ctx: RunContext, private readonly res: GradResult, private readonly pass: BackwardPass | undefined) {
    for (const r of ctx.recorder.all()) if (r.tensor) this.recordOfTensor.set(r.tensor, r);
    this.paths = parameterPaths(ctx.recorder, isModule);
    for (const s of pass?.steps ?? []) this.stepOf.set(s.node, s);
  }

  private full(): boolean {
    if (this.nodes.length < this.ctx.options.maxGraphNodes) return false;
    this.truncated = true;
    return true;
  }

  /**
   * A node's binding and value. A leaf shows its value as of the pass drawn (a parameter a later step
   * changes showed its declaration's value otherwise); an op's output is the one of that pass already.
   */
  private describe(t: TensorLike | undefined, node: GraphNode): GraphNode {
    if (!t) return node;
    const rec = this.recordOfTensor.get(t);
    if (rec) {
      node.bindingId = rec.id;
      node.name = rec.name;
    }
    // a parameter shows its path; a leaf its value when the pass drawn reached it, else a parameter its value
    // at the end of the file (a binding's, when its line ran); a tensor that skipped code may have changed none
    const path = this.paths.get(t);
    if (path !== undefined) node.name = path;
    const poisoned = this.ctx.poisonedTensors.has(t);
    const asOfPass = node.kind === 'leaf' && !poisoned ? this.pass?.leafValues?.get(t) : undefined;
    const snap = asOfPass ?? (path === undefined && rec?.value ? rec.value : poisoned ? null : Snap.ofTensor(t, this.ctx.options.dataCap));
    node.value = snap ? snap.toTrace(this.ctx.snapshots) : null;
    const origin = this.ctx.registry.originOf(t);
    if (origin) {
      node.range = this.ctx.range(origin.node);
      if (origin.group) node.group = origin.group;
    }
    return node;
  }

  private gradOfLeaf(t: TensorLike, acc: GradNodeLike): Snap | Unknown | null | undefined {
    const rec = this.recordOfTensor.get(t);
    return rec && this.res.grads.has(rec) ? this.res.grads.get(rec) : this.stepOf.get(acc)?.gradIn[0];
  }

  /** A gradient for the graph (one not known here goes to `setGrad`, which says why). */
  out(s: Snap | Unknown | null | undefined): ValueSnapshot | null {
    return s instanceof Snap ? s.toTrace(this.ctx.snapshots) : null;
  }

  /** A node's gradient: the snapshot, or why it is not known. */
  setGrad(node: GraphNode, s: Snap | Unknown | null | undefined): void {
    node.grad = this.out(s);
    if (s instanceof Unknown) node.gradUnknown = s.reason;
  }

  addFn(fn: GradNodeLike): boolean {
    const id = this.names.fn(fn);
    if (this.ids.has(id)) return true;
    if (this.full()) return false;
    this.ids.add(id);
    const step = this.stepOf.get(fn);
    const name = fn.name;
    if (fn.variable) {
      const leaf = fn.variable;
      const leafId = this.names.leaf(leaf);
      this.nodes.push({ id, kind: 'accumulate', label: name, gradFn: name, leafId });
      if (!this.full()) {
        this.ids.add(leafId);
        const node = this.describe(leaf, { id: leafId, kind: 'leaf', label: '' });
        node.label = node.name ?? 'leaf';
        this.setGrad(node, this.gradOfLeaf(leaf, fn));
        this.nodes.push(node);
        this.edges.push({ id: `e${this.edges.length}`, from: leafId, to: id, index: 0 });
      }
      return true;
    }
    const node = this.describe(this.ctx.registry.outputOf(fn), { id, kind: 'op', label: name, gradFn: name });
    node.grad = this.out(step?.gradIn[0]);
    this.nodes.push(node);
    return true;
  }

  /** Edges of included nodes: `next → fn` for each next_functions slot. */
  /** The graph so far, for graph-outside.ts. */
  underway(): GraphUnderway {
    return {
      nodes: this.nodes, edges: this.edges, ids: this.ids,
      leafId: (t) => this.names.leaf(t), fnId: (f) => this.names.fn(f),
      snapshot: (t) => (this.ctx.poisonedTensors.has(t) ? null : Snap.ofTensor(t, this.ctx.options.dataCap).toTrace(this.ctx.snapshots)),
    };
  }

  link(fn: GradNodeLike): void {
    const step = this.stepOf.get(fn);
    const to = this.names.fn(fn);
    const nexts = fn.nextFunctions;
    for (let i = 0; i < nexts.length; i++) {
      const next = nexts[i][0];
      // numbering a function left out of a capped graph here keeps the ids its backward steps show
      const from = next ? this.names.fn(next) : undefined;
      if (from === undefined || !this.ids.has(from)) continue;
      const edge: GraphEdge = { id: `e${this.edges.length}`, from, to, index: i };
      const label = fn.formulas?.[i];
      if (label) edge.label = label;
      if (step) edge.grad = this.out(step.gradsOut[i]);
      this.edges.push(edge);
    }
  }
}

/** The graph of the target's pass; without a target, the forward graph of `fallbackRoot` (no gradients). */
export function buildGraph(ctx: RunContext, res: GradResult, fallbackRoot?: TensorLike): GraphResult {
  const pass = res.pass;
  const b = new GraphBuilder(ctx, res, pass);
  const root = res.target?.tensor ?? fallbackRoot;
  const visited: GradNodeLike[] = [];
  if (root?.gradFn) {
    const queue: GradNodeLike[] = [root.gradFn];
    const seen = new Set<GradNodeLike>(queue);
    for (let i = 0; i < queue.length; i++) {
      if (!b.addFn(queue[i])) break;
      visited.push(queue[i]);
      const nexts = queue[i].nextFunctions;
      for (let k = 0; k < nexts.length; k++) {
        const next = nexts[k][0];
        if (next && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    for (const fn of visited) b.link(fn);
    addOutside(b.underway(), ctx, visited);
  } else if (root) {
    b.ids.add(b.names.leaf(root));
    const rec = res.target?.record;
    const node: GraphNode = { id: b.names.leaf(root), kind: 'leaf', label: rec?.name ?? 'leaf', value: b.out(rec?.value) };
    if (rec) {
      node.bindingId = rec.id;
      node.name = rec.name;
      b.setGrad(node, res.grads.get(rec));
    }
    b.nodes.push(node);
  }
  const usedGroups = new Set(b.nodes.map((n) => n.group).filter((g): g is string => g !== undefined));
  const groups: GraphGroup[] = [];
  for (const g of ctx.groups) {
    if (g.id === undefined || !usedGroups.has(g.id)) continue;
    groups.push(toGraphGroup(ctx, g, g.id));
  }
  // Parents of used groups must exist too.
  const graph: Graph = { nodes: b.nodes, edges: b.edges, groups: withParents(groups, ctx) };
  if (b.truncated) graph.truncated = true;
  const steps = backwardSteps(ctx, b, pass);
  const nodeIdOf = (r: BindingRecord): string | undefined => {
    const t = r.tensor;
    if (!t) return undefined;
    // Bindings outside a capped graph get no new numbers: look up, never assign.
    const fnId = r.gradNode ? b.names.existingFn(r.gradNode) : undefined;
    if (fnId !== undefined && b.ids.has(fnId)) return fnId;
    const leafId = b.names.existingLeaf(t);
    return leafId !== undefined && b.ids.has(leafId) ? leafId : undefined;
  };
  return { graph, steps, nodeIdOf };
}

/** The trace form of the pass's steps (ids of functions outside a capped graph are numbered on). */
function backwardSteps(ctx: RunContext, b: GraphBuilder, pass: BackwardPass | undefined): BackwardStep[] {
  const records = pass?.steps ?? [];
  const steps = new Array<BackwardStep>(records.length);
  for (let k = 0; k < records.length; k++) {
    const s = records[k];
    const out = s.node.variable ?? ctx.registry.outputOf(s.node);
    const origin = out ? ctx.registry.originOf(out) : undefined;
    const gradIn = new Array<ValueSnapshot>(s.gradIn.length);
    for (let i = 0; i < gradIn.length; i++) gradIn[i] = s.gradIn[i].toTrace(ctx.snapshots);
    const gradsOut = new Array<ValueSnapshot | null>(s.gradsOut.length);
    for (let i = 0; i < gradsOut.length; i++) gradsOut[i] = b.out(s.gradsOut[i]);
    const step: BackwardStep = { nodeId: b.names.fn(s.node), gradFn: s.node.name, gradIn, gradsOut };
    if (origin) step.line = ctx.line(origin.node);
    steps[k] = step;
  }
  return steps;
}

function toGraphGroup(ctx: RunContext, g: GroupFrame, id: string): GraphGroup {
  const group: GraphGroup = { id, kind: g.kind, label: groupLabel(g), range: ctx.range(g.node) };
  if (g.parent?.id) group.parent = g.parent.id;
  return group;
}

/** Parents of the groups in the graph are groups of the graph too (for nested collapsing). */
function withParents(groups: GraphGroup[], ctx: RunContext): GraphGroup[] {
  const have = new Set(groups.map((g) => g.id));
  const byId = new Map(ctx.groups.map((g) => [g.id, g]));
  for (let i = 0; i < groups.length; i++) {
    const p = groups[i].parent;
    if (!p || have.has(p)) continue;
    const g = byId.get(p);
    if (!g) {
      delete groups[i].parent;
      continue;
    }
    have.add(p);
    groups.push(toGraphGroup(ctx, g, p));
  }
  return groups;
}
