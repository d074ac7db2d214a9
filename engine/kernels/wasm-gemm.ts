/**
 * The gemm of gemm.ts with its tile loop in WebAssembly SIMD (f64x2): same packing, same 4×4
 * tiles, same float64 summation order per k-block, 3-5× the pure-JS micro-kernel on this machine
 * (BENCHMARKS.md, "Beyond pure JS"). gemm.ts calls it first and falls back to pure JS.
 *
 * The module (≈700 bytes) is assembled here from its instructions — no binary blob, no build
 * step, no file or network access — and instantiated once, lazily (a compiled-code cache, the
 * only state). Per tile: 8 f64x2 accumulators (row r × columns 0-1 and 2-3); per step p one
 * splat of A[r][p] times the two B vectors [B[p][0..1]], [B[p][2..3]].
 */
import type { FloatArray } from './gemm';
import { KC, MC, packA, packB, roundUp } from './pack';

const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

// instructions (opcodes from the WebAssembly core + SIMD specs)
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32 = (v: number): number[] => [0x41, ...uleb(v)]; // only small non-negative constants here (< 64)
const ADD = [0x6a], MUL = [0x6c], SHL = [0x74], GE_U = [0x4f];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = [0x0b];
const brIf = (depth: number): number[] => [0x0d, depth];
const br = (depth: number): number[] => [0x0c, depth];
const v128Load = (off: number): number[] => [0xfd, 0x00, 4, ...uleb(off)];
const v128Store = (off: number): number[] => [0xfd, 0x0b, 4, ...uleb(off)];
const f64Load = (off: number): number[] => [0x2b, 3, ...uleb(off)];
const ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const SPLAT = [0xfd, 0x14], FADD = [0xfd, 0xf0, 0x01], FMUL = [0xfd, 0xf2, 0x01];

// locals: params kc mp np a b c ldc (0-6), i32 ir jr pa pb end cp ldcb panel (7-14),
// v128 accumulators c[r][0..1], c[r][2..3] (15-22), b0 b2 av (23-25)
const [KCL, MP, NP, A, B, C, LDC, IR, JR, PA, PB, ENDP, CP, LDCB, PANEL] = Array.from({ length: 15 }, (_, i) => i);
const acc = (r: number, half: number): number => 15 + 2 * r + half;
const B0 = 23, B2 = 24, AV = 25;

function macroBody(): number[] {
  const code: number[][] = [];
  const emit = (...parts: number[][]): void => { code.push(...parts); };
  emit(get(LDC), i32(3), SHL, set(LDCB), get(KCL), i32(5), SHL, set(PANEL)); // bytes: ldc·8, kc·32
  emit(i32(0), set(JR), BLOCK, LOOP, get(JR), get(NP), GE_U, brIf(1));
  emit(i32(0), set(IR), BLOCK, LOOP, get(IR), get(MP), GE_U, brIf(1));
  emit(get(A), get(IR), get(PANEL), MUL, ADD, set(PA), get(B), get(JR), get(PANEL), MUL, ADD, set(PB));
  emit(get(PA), get(PANEL), ADD, set(ENDP));
  for (let r = 0; r < 4; r++) emit(ZERO, set(acc(r, 0)), ZERO, set(acc(r, 1)));
  emit(BLOCK, LOOP, get(PA), get(ENDP), GE_U, brIf(1));
  emit(get(PB), v128Load(0), set(B0), get(PB), v128Load(16), set(B2));
  for (let r = 0; r < 4; r++) {
    emit(get(PA), f64Load(8 * r), SPLAT, set(AV));
    emit(get(acc(r, 0)), get(AV), get(B0), FMUL, FADD, set(acc(r, 0)));
    emit(get(acc(r, 1)), get(AV), get(B2), FMUL, FADD, set(acc(r, 1)));
  }
  emit(get(PA), i32(32), ADD, set(PA), get(PB), i32(32), ADD, set(PB), br(0), END, END);
  // cp = c + (ir·4·ldc + jr·4)·8, then C tile += accumulators, row by row
  emit(get(C), get(IR), i32(2), SHL, get(LDC), MUL, get(JR), i32(2), SHL, ADD, i32(3), SHL, ADD, set(CP));
  for (let r = 0; r < 4; r++) {
    emit(get(CP), get(CP), v128Load(0), get(acc(r, 0)), FADD, v128Store(0));
    emit(get(CP), get(CP), v128Load(16), get(acc(r, 1)), FADD, v128Store(16));
    emit(get(CP), get(LDCB), ADD, set(CP));
  }
  emit(get(IR), i32(1), ADD, set(IR), br(0), END, END);
  emit(get(JR), i32(1), ADD, set(JR), br(0), END, END, END);
  const locals = vec([[8, 0x7f], [11, 0x7b]]);
  const body = [...locals, ...code.flat()];
  return [...uleb(body.length), ...body];
}

/** The module's bytes: one function `macro(kc, mp, np, a, b, c, ldc)` and an exported memory. */
export function wasmGemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const fnType = [0x60, ...vec(new Array(7).fill([0x7f])), ...vec([])];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([fnType])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name('mem'), 0x02, 0], [...name('macro'), 0x00, 0]])),
    ...section(10, vec([macroBody()])),
  ]);
}

interface Kernel {
  memory: WebAssembly.Memory;
  macro: (kc: number, mp: number, np: number, a: number, b: number, c: number, ldc: number) => void;
}
const cache: { kernel: Kernel | null | undefined } = { kernel: undefined };

/** The instantiated kernel, or null where WebAssembly SIMD is unavailable. */
function kernel(): Kernel | null {
  if (cache.kernel === undefined) {
    try {
      const bytes = wasmGemmModuleBytes();
      const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
      const ex = inst.exports as unknown as { mem: WebAssembly.Memory; macro: Kernel['macro'] };
      cache.kernel = { memory: ex.mem, macro: ex.macro };
    } catch {
      cache.kernel = null;
    }
  }
  return cache.kernel;
}

export function wasmGemmAvailable(): boolean {
  return kernel() !== null;
}

/** Above this much module memory (bytes) the JS kernel is used instead (wasm memory never shrinks). */
const MAX_MEMORY = 256 * 2 ** 20;

/**
 * gemm.ts's contract: C[m×n] (+)= op(A)·op(B), row-major. C is computed in a float64 buffer in
 * the module's memory (rows and columns padded to multiples of 4, summed over all k-blocks) and
 * added/stored into c once, so a Float32Array c is rounded once. Returns false, doing nothing,
 * where WebAssembly is unavailable or the problem would need more than MAX_MEMORY.
 */
export function gemmWasm(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, transA: boolean,
  b: FloatArray, bOff: number, transB: boolean,
  c: FloatArray, cOff: number, accumulate: boolean,
): boolean {
  const kern = kernel();
  if (kern === null) return false;
  if (m <= 0 || n <= 0) return true;
  const m4 = roundUp(m, 4), n4 = roundUp(n, 4), kcMax = Math.min(KC, Math.max(k, 1)), mcMax = Math.min(MC, m4);
  const aBytes = mcMax * kcMax * 8, bBytes = kcMax * n4 * 8, need = aBytes + bBytes + m4 * n4 * 8;
  if (need > MAX_MEMORY) return false;
  const have = kern.memory.buffer.byteLength;
  if (have < need) kern.memory.grow(Math.ceil((need - have) / 65536));
  const mem = new Float64Array(kern.memory.buffer);
  const aAt = 0, bAt = aBytes / 8, cAt = (aBytes + bBytes) / 8;
  mem.fill(0, cAt, cAt + m4 * n4);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    packB(b, bOff, transB, n, k, pc, kc, 0, n, mem, bAt);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      packA(a, aOff, transA, m, k, ic, mc, pc, kc, mem, aAt);
      kern.macro(kc, Math.ceil(mc / 4), n4 / 4, aAt * 8, bAt * 8, (cAt + ic * n4) * 8, n4);
    }
  }
  if (!accumulate && n4 === n) {
    c.set(mem.subarray(cAt, cAt + m * n), cOff); // one block copy (rounds to float32 if c is)
    return true;
  }
  for (let i = 0; i < m; i++) {
    const src = cAt + i * n4, dst = cOff + i * n;
    if (accumulate) for (let j = 0; j < n; j++) c[dst + j] += mem[src + j];
    else for (let j = 0; j < n; j++) c[dst + j] = mem[src + j];
  }
  return true;
}
