import * as assert from 'node:assert/strict';
import type { Diagnostic, Trace } from '../../../extension/analysis/trace';
import { annotationsOf, bindingAt, DocState } from '../../../extension/host/doc-state';
import { binding, snap } from './fixtures';

function trace(bindings: Trace['bindings'], diagnostics: Diagnostic[] = []): Trace {
  return { version: 3, bindings, target: null, targetLine: null, graph: { nodes: [], edges: [], groups: [] }, backwardSteps: [], diagnostics, logs: [] };
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

  it('a trace of text that does not parse keeps the previous annotations, marked stale', () => {
    const s = new DocState('file:///a.ts');
    s.accept(trace([a, b]), 1, 5);
    assert.equal(s.stale, false);
    s.accept(trace([], [syntax]), 2, 5);
    assert.equal(s.stale, true);
    assert.deepEqual(s.annotations.map((x) => x.line), [1, 3]);
    assert.equal(s.run, 'errors');
    assert.equal(s.traceFor(2)?.diagnostics[0].code, 'syntax');
    assert.equal(s.traceFor(1), undefined);
  });

  it('other errors replace the annotations (the file parsed; what ran is shown)', () => {
    const s = new DocState('file:///a.ts');
    s.accept(trace([a, b]), 1, 5);
    s.accept(trace([a], [shape]), 2, 5);
    assert.equal(s.stale, false);
    assert.deepEqual(s.annotations.map((x) => x.line), [1]);
    assert.equal(s.errors, 1);
  });

  it('edits move the shown annotations', () => {
    const s = new DocState('file:///a.ts');
    s.accept(trace([a, b]), 1, 5);
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
