/**
 * Binding sites (SPEC §2): a source site that gives a name a tensor, or a number taken from one.
 * Each execution of a site replaces its snapshot and appends to its capped history.
 */
import ts from 'typescript';
import type { Binding, JsonNumber, SourceRange } from './trace';
import { rangeOf } from './context';
import type { GradNodeLike, TensorLike } from './engine-bridge';
import { tensorOf } from './membrane';
import { Snap } from './snapshot';
import type { SnapshotTable } from './snapshot-table';
import { Unknown, reveal, type Value } from './values';

export class BindingRecord {
  iterations = 0;
  value: Snap | null = null;
  unknown: string | undefined;
  /** The tensor of the last snapshot (for gradients, the graph and `finalValue`). */
  tensor: TensorLike | undefined;
  /** The file's handle on it: poisoned when skipped code may have changed the tensor since (havoc.ts). */
  handle: Value = undefined;
  gradFn: string | null = null;
  /** The grad function of the snapshot (in-place ops later replace the tensor's). */
  gradNode: GradNodeLike | null = null;
  requiresGrad = false;
  isLeaf = true;
  history: JsonNumber[] = [];
  readonly uses: SourceRange[] = [];
  private readonly useKeys = new Set<number>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly range: SourceRange,
    readonly statementEndLine: number,
  ) {}

  addUse(pos: number, range: () => SourceRange): void {
    if (this.useKeys.has(pos)) return;
    this.useKeys.add(pos);
    this.uses.push(range());
  }
}

function isLoop(n: ts.Node): boolean {
  return ts.isForOfStatement(n) || ts.isForStatement(n) || ts.isForInStatement(n);
}

function holdsAnnotation(n: ts.Node): boolean {
  return ts.isVariableStatement(n) || ts.isExpressionStatement(n) || ts.isReturnStatement(n) || ts.isPropertyDeclaration(n);
}

/** The child of `n` whose span holds [pos, end) (statement lists by binary search: a file has thousands). */
function childHolding(n: ts.Node, pos: number, end: number): ts.Node | undefined {
  if (ts.isSourceFile(n) || ts.isBlock(n)) {
    const list = n.statements;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].end <= pos) lo = mid + 1;
      else if (list[mid].pos > pos) hi = mid - 1;
      else return list[mid].end >= end ? list[mid] : undefined;
    }
    return undefined;
  }
  return ts.forEachChild(n, (c) => (c.pos <= pos && end <= c.end && c.pos < c.end ? c : undefined));
}

/**
 * The line where the editor shows a site's annotation: the end of the statement that holds it, or the
 * site's own end inside a loop header. The nearest such ancestor decides; the tree has no parent
 * pointers (index.ts), so the path is found from the root by position.
 */
function statementEndLine(sf: ts.SourceFile, site: ts.Node): number {
  let nearest: ts.Node | undefined = holdsAnnotation(site) || isLoop(site) ? site : undefined;
  // walking down from the root, the last ancestor that qualifies is the nearest one
  if (!nearest) {
    for (let n: ts.Node | undefined = sf; n && n !== site; n = childHolding(n, site.pos, site.end)) {
      if (holdsAnnotation(n) || isLoop(n)) nearest = n;
    }
  }
  const at = nearest && holdsAnnotation(nearest) ? nearest : site;
  return sf.getLineAndCharacterOfPosition(at.getEnd()).line + 1;
}

export class BindingRecorder {
  private readonly sites = new Map<ts.Node, BindingRecord>();
  private readonly ordered: BindingRecord[] = [];
  readonly itemCalls = new ItemCallCache();

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
    rec.iterations++;
    rec.value = snap;
    rec.tensor = tensor;
    rec.handle = handle;
    rec.unknown = unknown;
    rec.gradNode = tensor?.gradFn ?? null;
    rec.gradFn = rec.gradNode?.name ?? null;
    rec.requiresGrad = tensor?.requiresGrad ?? false;
    rec.isLeaf = tensor ? tensor.isLeaf : true;
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
      if (site.pos < node.pos || site.end > node.end || rec.unknown !== undefined) continue;
      rec.value = null;
      rec.unknown = why.reason;
      rec.tensor = undefined;
      rec.handle = undefined;
      rec.gradNode = null;
      rec.gradFn = null;
    }
  }

  /** The trace's bindings; `grad` and `nodeId` are filled by the caller. */
  toTrace(
    table: SnapshotTable, grad: (r: BindingRecord) => Snap | Unknown | null, nodeId: (r: BindingRecord) => string | undefined,
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
      const id = nodeId(r);
      if (id !== undefined) b.nodeId = id;
      if (g instanceof Unknown) b.gradUnknown = g.reason;
      if (changed instanceof Unknown) b.finalUnknown = changed.reason;
      else if (t && r.value && !r.value.matchesTensor(t)) b.finalValue = Snap.ofTensor(t, this.dataCap).toTrace(table);
      return b;
    });
  }
}

/**
 * Whether an expression takes a number out of a tensor (`loss.item()`, `x.sum().item() * 2`): such numbers
 * are bindings with kind 'number'. Syntactic, and does not look inside nested functions.
 */
export function takesNumberFromTensor(expr: ts.Node | undefined): boolean {
  if (!expr) return false;
  if (ts.isFunctionLike(expr)) return false;
  if (
    ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) &&
    expr.expression.name.text === 'item' && expr.arguments.length === 0
  ) return true;
  return ts.forEachChild(expr, (c) => (takesNumberFromTensor(c) ? true : undefined)) === true;
}

/** `takesNumberFromTensor`, remembered per expression for one run (loops ask again and again). */
export class ItemCallCache {
  private readonly known = new Map<ts.Node, boolean>();
  has(expr: ts.Node | undefined): boolean {
    if (!expr) return false;
    let v = this.known.get(expr);
    if (v === undefined) {
      v = takesNumberFromTensor(expr);
      this.known.set(expr, v);
    }
    return v;
  }
}
