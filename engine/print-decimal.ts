/**
 * Python's float formatting ("{:.Nf}", "{:.Ne}", "{:.0f}") reproduced exactly.
 * Python rounds the exact binary value half-to-even; JS toFixed/toExponential break exact ties
 * away from zero (0.03125 -> "0.0313" where Python prints "0.0312"), so we round with BigInt.
 */

/** |x| as an exact fraction num/den (den a power of two). x must be finite. */
function exactFraction(x: number): { num: bigint; den: bigint } {
  const a = Math.abs(x);
  if (a === 0) return { num: 0n, den: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074; // subnormal: mant * 2^-1074
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return exp >= 0 ? { num: mant << BigInt(exp), den: 1n } : { num: mant, den: 1n << BigInt(-exp) };
}

/** round(num/den) with ties to even. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && q % 2n === 1n)) return q + 1n;
  return q;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

/**
 * True when `scaled` (|x|·10^k as a float) is far from a rounding tie: then the JS formatter,
 * exact except for ties, gives Python's digits and the BigInt path can be skipped.
 */
function farFromTie(scaled: number): boolean {
  if (!(scaled < 2 ** 52)) return false;
  return Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6;
}

/** Python "{:.{p}f}".format(x). */
export function formatFixed(x: number, p: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const a = Math.abs(x);
  if (a < 1e21 && farFromTie(a * 10 ** p)) return (isNegative(x) ? '-' : '') + a.toFixed(p);
  return exactFixed(x, p);
}

/** formatFixed by exact rational arithmetic. */
export function exactFixed(x: number, p: number): string {
  const { num, den } = exactFraction(x);
  const digits = roundHalfEven(num * pow10(p), den).toString().padStart(p + 1, '0');
  const sign = isNegative(x) ? '-' : '';
  if (p === 0) return sign + digits;
  return `${sign}${digits.slice(0, digits.length - p)}.${digits.slice(digits.length - p)}`;
}

/** Sign of num/den - 10^e. */
function comparePow10(num: bigint, den: bigint, e: number): number {
  const lhs = e >= 0 ? num : num * pow10(-e);
  const rhs = e >= 0 ? den * pow10(e) : den;
  return lhs === rhs ? 0 : lhs > rhs ? 1 : -1;
}

/** Python "{:.{p}e}".format(x): mantissa with p decimals, exponent signed with at least 2 digits. */
export function formatExponential(x: number, p: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const a = Math.abs(x);
  if (a > 1e-300 && a < 1e300) {
    const js = a.toExponential(p); // "d.dddde+X"
    const cut = js.indexOf('e');
    const e = Number(js.slice(cut + 1));
    if (farFromTie(a / 10 ** (e - p)) && farFromTie(a / 10 ** (e + 1 - p))) {
      return `${isNegative(x) ? '-' : ''}${js.slice(0, cut)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    }
  }
  return exactExponential(x, p);
}

/** formatExponential by exact rational arithmetic. */
export function exactExponential(x: number, p: number): string {
  const sign = isNegative(x) ? '-' : '';
  const { num, den } = exactFraction(x);
  let e = 0;
  if (num !== 0n) {
    // Exact decimal exponent: 10^e <= |x| < 10^(e+1); log10 only gives the starting guess.
    e = Math.floor(Math.log10(Math.abs(x)));
    while (comparePow10(num, den, e) < 0) e -= 1;
    while (comparePow10(num, den, e + 1) >= 0) e += 1;
  }
  const shift = p - e; // digits = round(|x| * 10^shift)
  let q = shift >= 0 ? roundHalfEven(num * pow10(shift), den) : roundHalfEven(num, den * pow10(-shift));
  if (q === pow10(p + 1)) {
    // rounding carried into a new digit (9.99996 -> 10.0000): renormalise
    q = pow10(p);
    e += 1;
  }
  const digits = q.toString().padStart(p + 1, '0');
  const mantissa = p === 0 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const expSign = e < 0 ? '-' : '+';
  return `${sign}${mantissa}e${expSign}${String(Math.abs(e)).padStart(2, '0')}`;
}
