/**
 * Special functions JS lacks. erf follows the method of fdlibm's s_erf.c (Sun, 1993): rational
 * approximations on four intervals, each with error below 2^-57, so erf is good to ~1 ulp —
 * needed because gelu's exact form x·Φ(x) must match torch to 1e-9 relative (an
 * Abramowitz–Stegun 1.5e-7 fit is not enough). Coefficients are the published minimax values.
 */

/** Horner evaluation of c[0] + c[1] z + c[2] z^2 + ... */
function poly(c: readonly number[], z: number): number {
  let acc = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) acc = acc * z + c[i];
  return acc;
}

/** 2/sqrt(pi) - 1: erf(x) ≈ x + efx·x for tiny x. */
const EFX = 1.28379167095512586316e-1;
/** erf(1) rounded to 24 bits: the base of the expansion around 1. */
const ERX = 8.45062911510467529297e-1;

/** |x| < 0.84375: erf(x) = x + x·P(x²)/Q(x²). */
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3,
  1.32494738004321644526e-4, -3.96022827877536812320e-6];

/** 0.84375 <= |x| < 1.25, s = |x| - 1: erf(x) = ERX + P(s)/Q(s). */
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2,
  1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];

/** 1.25 <= |x| < 1/0.35, z = 1/x²: erfc(x) = exp(-x² - 0.5625 + R(z)/S(z)) / x. */
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2,
  -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2,
  6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2,
  6.57024977031928170135, -6.04244152148580987438e-2];

/** 1/0.35 <= |x| < 6: same form as RA/SA. */
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3,
  3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

/** x with the low 32 bits of its mantissa cleared, so z·z is exact in exp(-z·z). */
function truncateLowWord(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** erfc(a) for 1.25 <= a < 6 (a > 0): exp(-a² - 0.5625 + R/S) / a, with -a² split for accuracy. */
function erfcTail(a: number): number {
  const z = 1 / (a * a);
  const ratio = a < 1 / 0.35 ? poly(RA, z) / poly(SA, z) : poly(RB, z) / poly(SB, z);
  const hi = truncateLowWord(a);
  // -a² = -hi² + (hi - a)(hi + a); the first product is exact.
  return (Math.exp(-hi * hi - 0.5625) * Math.exp((hi - a) * (hi + a) + ratio)) / a;
}

/** The error function erf(x) = 2/√π ∫₀ˣ e^{-t²} dt, to about one ulp. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (a < 0.84375) {
    if (a < 2 ** -28) return x + EFX * x;
    const z = x * x;
    return x + x * (poly(PP, z) / poly(QQ, z));
  }
  if (a < 1.25) {
    const s = a - 1;
    return sign * (ERX + poly(PA, s) / poly(QA, s));
  }
  if (a >= 6) return sign; // 1 - erfc(6) rounds to 1 in float64
  return sign * (1 - erfcTail(a));
}

/** Standard normal CDF Φ(x) = ½(1 + erf(x/√2)), as torch's exact gelu computes it. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x * Math.SQRT1_2));
}

/** Standard normal density φ(x) = e^{-x²/2} / √(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) * (Math.SQRT1_2 * 0.5 * (2 / Math.sqrt(Math.PI)));
}
