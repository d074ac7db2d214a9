import * as assert from 'assert';
import * as fs from 'fs';
import { formatTensor } from '../../engine/print';
import type { Dtype } from '../../engine/dtype';
import { fixturePath } from './oracle/fixtures';

interface PrintEntry {
  id: string;
  expr: string;
  dtype: Dtype;
  shape: number[];
  data: Array<number | boolean | 'nan' | 'inf' | '-inf'>;
  requires_grad: boolean;
  grad_fn: string | null;
  note?: string;
  str: string;
}

export function loadPrintEntries(): PrintEntry[] {
  return (JSON.parse(fs.readFileSync(fixturePath('printing.json'), 'utf8')) as { entries: PrintEntry[] }).entries;
}

export function entryValues(e: PrintEntry): number[] {
  return e.data.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v)));
}

/** The two entries printed after torch.set_default_dtype(torch.float64) say so in their note. */
export function entryDefaultDtype(e: PrintEntry): 'float32' | 'float64' {
  return e.note?.includes('float64 as the default dtype') ? 'float64' : 'float32';
}

describe('print: formatTensor matches torch str() for every printing.json entry', () => {
  const entries = loadPrintEntries();
  it('has the 51 entries', () => assert.strictEqual(entries.length, 51));
  for (const e of entries) {
    it(e.id, () => {
      const s = formatTensor(
        { shape: e.shape, dtype: e.dtype, data: entryValues(e), gradFnName: e.grad_fn ?? null, requiresGrad: e.requires_grad, isLeaf: e.grad_fn == null },
        entryDefaultDtype(e),
      );
      assert.strictEqual(s, e.str);
    });
  }
});

describe('print: rules beyond the fixtures', () => {
  const plain = (shape: number[], data: number[], dtype: Dtype = 'float32'): string =>
    formatTensor({ shape, dtype, data, gradFnName: null, requiresGrad: false, isLeaf: true }, 'float32');

  it('rounds exact ties half to even like Python (0.03125 -> 0.0312, 0.09375 -> 0.0938)', () => {
    assert.strictEqual(plain([2], [0.03125, 0.09375]), 'tensor([0.0312, 0.0938])');
  });
  it('summarises every dim of a large 2-d tensor with ... rows and columns', () => {
    const n = 40;
    // values 100..1699: ratio under 1000, so fixed notation (0..1599 would switch to sci mode)
    const data = Array.from({ length: n * n }, (_, i) => i + 100);
    const s = plain([n, n], data);
    const lines = s.split('\n');
    assert.strictEqual(lines.length, 7);
    assert.strictEqual(lines[0], 'tensor([[ 100.,  101.,  102.,  ...,  137.,  138.,  139.],');
    assert.strictEqual(lines[3], '        ...,');
    assert.strictEqual(lines[6], '        [1660., 1661., 1662.,  ..., 1697., 1698., 1699.]])');
  });
  it('prints the size of an empty non-1-d tensor and the dtype of an empty int64', () => {
    assert.strictEqual(plain([2, 0], []), 'tensor([], size=(2, 0))');
    assert.strictEqual(plain([0], [], 'int64'), 'tensor([], dtype=torch.int64)');
  });
  it('moves a suffix that would pass 80 columns onto its own line', () => {
    const data = Array.from({ length: 6 }, (_, i) => i + 0.5);
    const s = formatTensor({ shape: [6], dtype: 'float64', data, gradFnName: 'SomeVeryLongBackwardNameBackward0', requiresGrad: true, isLeaf: false }, 'float32');
    assert.strictEqual(s, 'tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000], dtype=torch.float64,\n       grad_fn=<SomeVeryLongBackwardNameBackward0>)');
  });
});
