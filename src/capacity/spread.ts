/** An estimate as a range: the best case, the expected case, the worst case. */
export interface Spread {
  low: number;
  typical: number;
  high: number;
}

export const ZERO: Spread = { low: 0, typical: 0, high: 0 };

export function exact(v: number): Spread {
  return { low: v, typical: v, high: v };
}

export function add(...xs: Spread[]): Spread {
  return xs.reduce((a, b) => ({ low: a.low + b.low, typical: a.typical + b.typical, high: a.high + b.high }), ZERO);
}

export function times(x: Spread, k: number): Spread {
  return { low: x.low * k, typical: x.typical * k, high: x.high * k };
}

export function max(a: Spread, b: Spread): Spread {
  return { low: Math.max(a.low, b.low), typical: Math.max(a.typical, b.typical), high: Math.max(a.high, b.high) };
}

/** ± a fraction around a value: 100 ± 25 % → 75 / 100 / 125. */
export function around(v: number, fraction: number): Spread {
  return { low: v * (1 - fraction), typical: v, high: v * (1 + fraction) };
}
