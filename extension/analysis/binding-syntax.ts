/**
 * What the syntax says about a binding site, without running anything: the line where its annotation is
 * shown, and whether an expression takes a number out of a tensor.
 */
import ts from 'typescript';

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
export function statementEndLine(sf: ts.SourceFile, site: ts.Node): number {
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
