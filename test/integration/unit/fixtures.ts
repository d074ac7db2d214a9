/** Small builders for hand-written trace pieces in the unit tests. */
import type { Binding, Dtype, ValueSnapshot } from '../../../extension/analysis/trace';

export function snap(shape: number[], data: number[], text = '', dtype: Dtype = 'float32'): ValueSnapshot {
  return { kind: 'tensor', shape, dtype, data, text };
}

export function binding(name: string, over: Partial<Binding> = {}): Binding {
  return {
    id: 'b0', name, line: 1, column: 7, endLine: 1, endColumn: 7 + name.length, statementEndLine: 1,
    value: null, grad: null, gradFn: null, dtype: 'float32', requiresGrad: false, isLeaf: true, iterations: 1, uses: [],
    ...over,
  };
}
