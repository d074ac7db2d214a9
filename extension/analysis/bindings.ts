/**
 * Binding sites (extension/analysis/README.md): a source site that gives a name a tensor, or a number taken from one.
 * Each execution of a site replaces its snapshot and appends to its capped history.
 */
import type ts from 'typescript';
import type { Binding, BindingInstance } from './trace';
import { rangeOf } from './source-range';
import type { GradNodeLike, TensorLike } from './engine-bridge';
import { tensorOf } from './membrane';
import { Snap } from './snapshot';
import type { BackwardPass } from './backward';
import type { SnapshotTable } from './snapshot-table';
import { Unknown, reveal, type Value } from './values';
import { BindingRecord } from './binding-record';
import { ItemCallCache, statementEndLine } from './binding-syntax';

export class BindingRecorder {
  private readonly sites = new Map<ts.Node, BindingRecord>();
  private readonly ordered: BindingRecord[] = [];
  readonly itemCalls = new ItemCallCache();
  /** How many backward passes the file has run (a user's `backward()`). */
  generation = 0;
  /** The modules the file made (its nn.Module instances, the engine modules it constructed), in order. */
  readonly modules: Value[] = [];
  /** The name of the variable that first held each module (to name parameters by module path). */
  readonly moduleNames = new Map<Value, string>();

  noteModule(m: Value): void {
    this.modules.push(m);
  }

  nameModule(m: Value, name: string): void {
    if (!this.moduleNames.has(m)) this.moduleNames.set(m, name);
  }

  constructor(private readonly sf: ts.SourceFile, private readonly historyCap: number, private readonly dataCap: number) {}

  /**
   * Record that `site` gave `name` the value `v`. `fromTensor` says a plain number was taken from a
   * tensor (`loss.item()`). Returns the record when this is a binding (a tensor, such a number, or unknown).
   */
  record(site: ts.Node, name: string, v: Value, fromTensor: boolean): BindingRecord | undefined {
    if (name === '' || name.endsWith('.')) return undefined; // a name the parser had to invent while recovering
    let snap: Snap | null = null;
    let tensor: TensorLike | undefined;
    let unknown: string | undefined;
    let handle: Value;
    const t = tensorOf(v);
    if (t !== undefined) {
      tensor = t;
      handle = v;
      snap = Snap.ofTensor(t, this.dataCap);
    } else if (typeof v === 'number' && fromTensor) {
      snap = Snap.ofNumber(v);
    } else if (v instanceof Unknown) {
      unknown = v.reason;
    } else {
      return undefined;
    }
    const rec = this.site(site, name);
    // the first run after a backward: keep the run before it, which that backward's graph may hold
    if (rec.generation !== this.generation) rec.beforeBackward = rec.iterations > 0 && rec.unknown === undefined ? rec.state() : undefined;
    rec.generation = this.generation;
    rec.iterations++;
    rec.value = snap;
    rec.tensor = tensor;
    rec.handle = handle;
    rec.unknown = unknown;
    rec.gradNode = tensor?.gradFn ?? null;
    rec.gradFn = rec.gradNode?.name ?? null;
    rec.requiresGrad = tensor?.requiresGrad ?? false;
    rec.isLeaf = tensor ? tensor.isLeaf : true;
    if (snap && tensor && tensor.isLeaf && tensor.requiresGrad) rec.noteLeaf(tensor, snap);
    if (snap) {
      rec.history.push(snap.summary());
      if (rec.history.length > this.historyCap) rec.history.shift();
    }
    return rec;
  }

  private site(site: ts.Node, name: string): BindingRecord {
    let rec = this.sites.get(site);
    if (!rec) {
      rec = new BindingRecord(`b${this.ordered.length}`, name, rangeOf(this.sf, site), statementEndLine(this.sf, site));
      this.sites.set(site, rec);
      this.ordered.push(rec);
    }
    return rec;
  }

  all(): readonly BindingRecord[] {
    return this.ordered;
  }

  /**
   * Code not run here that holds binding sites (a skipped branch, a function an unknown call may run)
   * may have run them again: each such site's last value is no longer the one recorded. A later run of
   * the site that the analysis sees records a known value again.
   */
  staleWithin(node: ts.Node, why: Unknown): void {
    for (const [site, rec] of this.sites) {
      if (site.pos < node.pos || site.end > node.end) continue;
      rec.runsUncertain = true;
      if (rec.unknown !== undefined) continue;
      rec.runsUncertain = true;
      rec.value = null;
      rec.unknown = why.reason;
      rec.tensor = undefined;
      rec.handle = undefined;
      rec.gradNode = null;
      rec.gradFn = null;
    }
  }

  /**
   * A site that ran again after the target's backward pass (an evaluation under noGrad after the training
   * step) shows its last run before that pass when that run's tensor is in the pass's graph and the later
   * one's is not: the value the target's gradient belongs to. `inGraph` says whether a run's tensor is.
   */
  preferTargetRuns(inGraph: (tensor: TensorLike, gradNode: GradNodeLike | null) => boolean): void {
    for (const r of this.ordered) {
      const before = r.beforeBackward;
      if (r.generation !== this.generation || !before?.tensor || r.runsUncertain) continue;
      if (r.tensor && inGraph(r.tensor, r.gradNode)) continue;
      if (inGraph(before.tensor, before.gradNode)) r.restore(before);
    }
  }

  /** The trace's bindings; `grad` and `nodeId` are filled by the caller. */
  toTrace(
    table: SnapshotTable, grad: (r: BindingRecord) => Snap | Unknown | null, nodeId: (r: BindingRecord) => string | undefined,
    instances: (r: BindingRecord) => BindingInstance[] | undefined = () => undefined,
  ): Binding[] {
    return this.ordered.map((r) => {
      const t = r.tensor;
      const { line, column, endLine, endColumn } = r.range;
      // skipped code may have changed the tensor after this line ran: its end value and gradient are unknown
      const changed = reveal(r.handle);
      const g = changed instanceof Unknown && r.requiresGrad ? changed : grad(r);
      const b: Binding = {
        id: r.id, name: r.name, line, column, endLine, endColumn, statementEndLine: r.statementEndLine,
        value: r.value?.toTrace(table) ?? null, grad: g instanceof Snap ? g.toTrace(table) : null, gradFn: r.gradFn,
        dtype: r.value ? r.value.dtype : null, requiresGrad: r.requiresGrad,
        isLeaf: r.isLeaf, iterations: r.iterations, uses: r.uses,
      };
      if (r.value === null) b.unknown = r.unknown ?? 'not computed';
      if (r.iterations > 1 && r.history.length > 0) b.history = r.history;
      if (r.shownRun !== undefined) b.shownIteration = r.shownRun;
      const id = nodeId(r);
      if (id !== undefined) b.nodeId = id;
      if (g instanceof Unknown) b.gradUnknown = g.reason;
      const each = instances(r);
      if (each !== undefined) b.instances = each;
      if (changed instanceof Unknown) b.finalUnknown = changed.reason;
      else if (t && r.value && !r.value.matchesTensor(t)) b.finalValue = Snap.ofTensor(t, this.dataCap).toTrace(table);
      return b;
    });
  }
}

/** Show, for sites that ran again after it, the runs the target's backward pass belongs to (BindingRecorder.preferTargetRuns). */
export function showTargetRuns(recorder: BindingRecorder, pass: BackwardPass): void {
  const leaves = new Set<TensorLike>();
  for (const s of pass.steps) if (s.node.variable) leaves.add(s.node.variable);
  recorder.preferTargetRuns((t, fn) => (fn ? pass.gradInto.has(fn) : leaves.has(t)));
}
