import * as assert from 'assert';
import * as fs from 'fs';
import { formatTensor } from '../../engine/print';
import type { Dtype } from '../../engine/dtype';
import { fixturePath } from './oracle/fixtures';
import { arange, linspace, setDefaultDtype, tensor, zeros } from '../../engine/index';
import type { Tensor } from '../../engine/index';

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

/**
 * The same entries built with the real engine from their `expr`, printed with toString().
 * Only 3d_random is left out: it needs torch's own random stream (its formatting is covered above).
 */
type Builder = () => Tensor;
const rg = { requiresGrad: true } as const;
const ENGINE_BUILDERS: Record<string, Builder> = {
  seed_z2_0d_grad_fn: () => tensor(1.0, rg).mul(2).add(2).div(5),
  seed_z0_0d_int_valued_grad_fn: () => tensor(1.0, rg).mul(2),
  leaf_0d_requires_grad: () => tensor(1.0, rg),
  '0d_integer_valued': () => tensor(1.0),
  '0d_pi': () => tensor(3.14159265),
  '0d_negative': () => tensor(-2.5),
  '0d_negative_zero': () => tensor(-0.0),
  '0d_rounding': () => tensor(0.12345678),
  '0d_large': () => tensor(1e10),
  '0d_small': () => tensor(1e-8),
  '0d_sum_grad_fn': () => tensor([1.5, 2.25], rg).sum(),
  '1d_integer_valued': () => tensor([1.0, 2.0, 3.0]),
  '1d_decimals': () => tensor([0.1, 0.2, 0.3]),
  '1d_negative_padding': () => tensor([-1.5, 2.25, 0.0]),
  '1d_0p1_plus_0p2': () => tensor([0.1]).add(tensor([0.2])),
  '1d_requires_grad_leaf': () => tensor([1.0, 2.0], rg),
  '1d_grad_fn_mul': () => tensor([1.0, 2.0], rg).mul(2),
  '1d_grad_fn_tanh': () => tensor([-1.0, 0.5, 2.0], rg).tanh(),
  '1d_large_sci': () => tensor([1e5, 2.0]),
  '1d_large_no_sci': () => tensor([123456.789]),
  '1d_int_valued_1e8': () => tensor([1e8]),
  '1d_int_valued_1e9_sci': () => tensor([1e9]),
  '1d_mixed_magnitude_sci': () => tensor([1e8, 1.0]),
  '1d_small_sci': () => tensor([1e-5, 1e-3]),
  '1d_nan_inf': () => tensor([NaN, Infinity, -Infinity, 1.0]),
  '1d_nan_and_decimals': () => tensor([NaN, 0.5, -1.25]),
  '1d_empty': () => tensor([]),
  '1d_wraps_linewidth': () => arange(20, { dtype: 'float32' }),
  '1d_wraps_decimals': () => linspace(-1, 1, 12),
  '1d_summarized_over_1000': () => arange(1001, { dtype: 'float32' }),
  '2d_decimals': () => tensor([[1.0, 2.5], [3.0, 4.0]]),
  '2d_negative': () => tensor([[-1.0, 0.25, 3.5], [2.0, -0.125, -10.0]]),
  '2d_zeros': () => zeros(2, 3),
  '2d_sci_mixed': () => tensor([[1e-5, 1.0], [2.0, 3.0]]),
  '2d_requires_grad': () => tensor([[0.5, -1.0], [1.5, 2.0]], rg),
  '2d_grad_fn_matmul': () => tensor([[1, 2], [3, 4]], rg).matmul(tensor([[0.5, 0], [0, -1]])),
  '3d_grad_fn': () => arange(8, { dtype: 'float32' }).reshape(2, 2, 2).requiresGrad_().sub(1.5),
  int64_1d: () => tensor([1, 2, 3], { dtype: 'int64' }),
  int64_0d: () => tensor(3, { dtype: 'int64' }),
  int64_negative: () => tensor([-10, 5, 100], { dtype: 'int64' }),
  bool_1d: () => tensor([true, false]),
  detached: () => tensor(2.0, rg).mul(3).detach(),
  f64_seed_z2_0d_grad_fn: () => tensor(1.0, { dtype: 'float64', requiresGrad: true }).mul(2).add(2).div(5),
  f64_0d: () => tensor(0.8, { dtype: 'float64' }),
  f64_1d_requires_grad: () => tensor([1.0, 2.0], { dtype: 'float64', requiresGrad: true }),
  f64_2d: () => tensor([[0.1, -2.0], [3.25, 4.0]], { dtype: 'float64' }),
  f64_1d_grad_fn: () => tensor([1.0, 2.0], { dtype: 'float64', requiresGrad: true }).exp(),
  f64_empty: () => tensor([], { dtype: 'float64' }),
  f64_as_default_dtype: () => tensor([1.5, 2.0], rg).mul(2),
  f32_when_default_is_f64: () => tensor([1.5, 2.0], { dtype: 'float32' }),
};
const NOT_REPRODUCIBLE = new Set(['3d_random']);

describe('print: the real engine prints every reproducible printing.json entry like torch', () => {
  const entries = loadPrintEntries();
  afterEach(() => setDefaultDtype('float32'));
  it('has a builder for every entry except the torch-random one', () => {
    const missing = entries.map((e) => e.id).filter((id) => !(id in ENGINE_BUILDERS) && !NOT_REPRODUCIBLE.has(id));
    assert.deepStrictEqual(missing, []);
  });
  for (const e of entries.filter((k) => !NOT_REPRODUCIBLE.has(k.id))) {
    it(e.id, () => {
      setDefaultDtype(entryDefaultDtype(e));
      const t = ENGINE_BUILDERS[e.id]();
      assert.deepStrictEqual(Array.from(t.dataSync()), entryValues(e), 'stored values match torch exactly');
      assert.strictEqual(t.toString(), e.str);
    });
  }
});
