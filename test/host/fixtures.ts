/** Small builders for hand-written trace pieces in the unit tests. */
import type { Binding, Dtype, ValueSnapshot } from '../../extension/analysis/trace';

export function snap(shape: number[], data: number[], text = '', dtype: Dtype = 'float32'): ValueSnapshot {
  return { kind: 'tensor', shape, dtype, data, text };
}

export function binding(name: string, over: Partial<Binding> = {}): Binding {
  const line = over.line ?? 1;
  return {
    id: 'b0', name, line, column: 7, endLine: line, endColumn: 7 + name.length, statementEndLine: line,
    value: null, grad: null, gradFn: null, dtype: 'float32', requiresGrad: false, isLeaf: true, iterations: 1, uses: [],
    ...over,
  };
}
