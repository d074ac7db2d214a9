/**
 * Direct 2-d convolution kernels (groups = 1; a 1-d conv is a 2-d conv with height 1).
 * With ih = oh*sh - ph + i*dh and iw = ow*sw - pw + j*dw, the three bilinear maps are
 *   conv:        y[n,co,oh,ow]  = Σ_{ci,i,j} x[n,ci,ih,iw] · w[co,ci,i,j]
 *   inputGrad:   gx[n,ci,ih,iw] = Σ g[n,co,oh,ow] · w[co,ci,i,j]   (adjoint of conv in x)
 *   weightGrad:  gw[co,ci,i,j]  = Σ x[n,ci,ih,iw] · g[n,co,oh,ow]   (adjoint of conv in w)
 * All three are slices of one trilinear form <conv(x, w), g>, so each one's derivatives are again
 * one of the three: that is what makes every order of derivative available.
 */
export interface ConvGeometry {
  n: number;
  cin: number;
  h: number;
  w: number;
  cout: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  oh: number;
  ow: number;
}

type Buf = ArrayLike<number> & { [i: number]: number };

/** Which of the three bilinear maps a pass over the taps accumulates. */
const enum Mode { Conv, InputGrad, WeightGrad }

/**
 * One loop nest over every (x index, w index, y index) tap of the convolution; the innermost
 * statement depends on the mode (a predictable branch, no call per tap).
 * Conv: acc[y] += a[x]·b[w]; InputGrad: acc[x] += a[y]·b[w]; WeightGrad: acc[w] += a[x]·b[y].
 */
function accumulateTaps(g: ConvGeometry, mode: Mode, a: ArrayLike<number>, b: ArrayLike<number>, acc: Float64Array): void {
  for (let n = 0; n < g.n; n++) {
    for (let co = 0; co < g.cout; co++) {
      for (let ci = 0; ci < g.cin; ci++) {
        const xBase = (n * g.cin + ci) * g.h * g.w;
        const wBase = (co * g.cin + ci) * g.kh * g.kw;
        const yBase = (n * g.cout + co) * g.oh * g.ow;
        for (let i = 0; i < g.kh; i++) {
          for (let oh = 0; oh < g.oh; oh++) {
            const ih = oh * g.sh - g.ph + i * g.dh;
            if (ih < 0 || ih >= g.h) continue;
            for (let j = 0; j < g.kw; j++) {
              const wi = wBase + i * g.kw + j;
              for (let ow = 0; ow < g.ow; ow++) {
                const iw = ow * g.sw - g.pw + j * g.dw;
                if (iw < 0 || iw >= g.w) continue;
                const xi = xBase + ih * g.w + iw;
                const yi = yBase + oh * g.ow + ow;
                if (mode === Mode.Conv) acc[yi] += a[xi] * b[wi];
                else if (mode === Mode.InputGrad) acc[xi] += a[yi] * b[wi];
                else acc[wi] += a[xi] * b[yi];
              }
            }
          }
        }
      }
    }
  }
}

/** y = conv(x, w) (+ bias per output channel when given). */
export function convForward(g: ConvGeometry, x: ArrayLike<number>, w: ArrayLike<number>, bias: ArrayLike<number> | null, y: Buf): void {
  const acc = new Float64Array(y.length);
  accumulateTaps(g, Mode.Conv, x, w, acc);
  const plane = g.oh * g.ow;
  for (let i = 0; i < acc.length; i++) y[i] = bias === null ? acc[i] : acc[i] + bias[Math.floor(i / plane) % g.cout];
}

/** gx = adjoint of conv in x, applied to grad. */
export function convInputGrad(g: ConvGeometry, grad: ArrayLike<number>, w: ArrayLike<number>, gx: Buf): void {
  const acc = new Float64Array(gx.length);
  accumulateTaps(g, Mode.InputGrad, grad, w, acc);
  for (let i = 0; i < acc.length; i++) gx[i] = acc[i];
}

/** gw = adjoint of conv in w, applied to grad. */
export function convWeightGrad(g: ConvGeometry, x: ArrayLike<number>, grad: ArrayLike<number>, gw: Buf): void {
  const acc = new Float64Array(gw.length);
  accumulateTaps(g, Mode.WeightGrad, x, grad, acc);
  for (let i = 0; i < acc.length; i++) gw[i] = acc[i];
}
