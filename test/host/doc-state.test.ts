import * as assert from 'node:assert/strict';
import type { Diagnostic, Trace } from '../../extension/analysis/trace';
import { annotationsOf, bindingAt, DocState } from '../../extension/host/doc-state';
import { binding, snap } from './fixtures';

function trace(bindings: Trace['bindings'], diagnostics: Diagnostic[] = []): Trace {
  return { version: 4, bindings, target: null, targetLine: null, graph: { nodes: [], edges: [], groups: [] }, backwardSteps: [], diagnostics, logs: [] };
}
const syntax: Diagnostic = { line: 3, column: 1, endLine: 3, endColumn: 2, severity: 'error', code: 'syntax', message: "')' expected" };
const shape: Diagnostic = { ...syntax, code: 'shape', message: 'shapes' };

describe('doc-state', () => {
  const a = binding('a', { id: 'b0', line: 2, statementEndLine: 2, value: snap([], [1]) });
  const b = binding('b', { id: 'b1', line: 3, statementEndLine: 4, value: snap([], [2]), column: 7, endColumn: 8, uses: [{ line: 6, column: 3, endLine: 6, endColumn: 4 }] });
  const c = binding('c', { id: 'b2', line: 4, statementEndLine: 4, value: snap([], [3]) });

  it('groups bindings by the 0-based line their statement ends on', () => {
    assert.deepEqual(annotationsOf(trace([a, b, c])).map((x) => [x.line, x.bindings.map((y) => y.name)]), [[1, ['a']], [3, ['b', 'c']]]);
  });

  it('a trace of text that does not parse keeps the previous annotations unchanged, stale only after a while', () => {
    const s = new DocState('file:///a.ts');
    s.accept(trace([a, b]), 1, 5, 0);
    assert.equal(s.stale, false);
    s.accept(trace([], [syntax]), 2, 5, 100);
    assert.equal(s.stale, false);
    assert.deepEqual(s.annotations.map((x) => x.line), [1, 3]);
    // Syntax errors are the editor's to show: not counted as Gradlens errors.
    assert.equal(s.run, 'ok');
    assert.equal(s.traceFor(2)?.diagnostics[0].code, 'syntax');
    assert.equal(s.traceFor(1), undefined);
    // Still broken at a later version: it broke at 100, not later.
    s.accept(trace([], [syntax]), 3, 5, 600);
    assert.equal(s.markStale(1099, 1000), false);
    assert.equal(s.markStale(1100, 1000), true);
    assert.equal(s.stale, true);
    // It parses again: fresh annotations, no longer stale.
    s.accept(trace([a]), 4, 5, 1200);
    assert.equal(s.stale, false);
    assert.equal(s.markStale(5000, 1000), false);
  });

  it('puts the first error (else warning) and the console output of a line on its annotation', () => {
    const warn: Diagnostic = { ...shape, line: 2, severity: 'warning', message: 'w' };
    const err: Diagnostic = { ...shape, line: 2, message: 'e' };
    const info: Diagnostic = { ...shape, line: 5, severity: 'info', message: 'i' };
    const t = { ...trace([a], [warn, err, syntax, info]), logs: [{ line: 7, text: 'one' }, { line: 7, text: 'two' }] };
    const got = annotationsOf(t).map((x) => [x.line, x.bindings.length, x.problem?.message, x.log]);
    assert.deepEqual(got, [[1, 1, 'e', undefined], [6, 0, undefined, { text: 'two', count: 2 }]]);
  });

  it('other errors replace the annotations (the file parsed; what ran is shown)', () => {
    const s = new DocState('file:///a.ts');
    s.accept(trace([a, b]), 1, 5, 0);
    s.accept(trace([a], [shape]), 2, 5, 0);
    assert.equal(s.stale, false);
    // a's line, and the shape error's line (3, 1-based) with its message
    assert.deepEqual(s.annotations.map((x) => [x.line, x.problem?.message]), [[1, undefined], [2, 'shapes']]);
    assert.equal(s.errors, 1);
  });

  it('edits move the shown annotations', () => {
    const s = new DocState('file:///a.ts');
    s.accept(trace([a, b]), 1, 5, 0);
    s.edited([{ startLine: 0, endLine: 0, insertedLines: 2, startsAtLineEnd: false }]);
    assert.deepEqual(s.annotations.map((x) => x.line), [3, 5]);
  });

  it('finds a binding at its name and at its uses (0-based positions, end exclusive)', () => {
    const t = trace([a, b]);
    assert.equal(bindingAt(t, 2, 6)?.name, 'b');
    assert.equal(bindingAt(t, 5, 2)?.name, 'b');
    assert.equal(bindingAt(t, 5, 4), undefined);
    assert.equal(bindingAt(t, 0, 0), undefined);
  });
});
