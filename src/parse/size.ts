const POWERS: Record<string, number> = { K: 1, M: 2, G: 3, T: 4 };

/**
 * A VM spec size: bytes, or a number with B, K/Ki, M/Mi, G/Gi, T/Ti (K = 1000, Ki = 1024),
 * optionally followed by B — `2GiB`, `512Mi`, `2G`, `1.5Gi`. Exact integer bytes, or null.
 */
export function parseSize(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : null;
  // Trimmed first, and short: `\s*` on both sides of an optional unit backtracks quadratically.
  if (typeof v !== "string" || v.length > 64) return null;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(?:([KMGTkmgt])(i?)B?|B)?$/.exec(v.trim());
  if (!m) return null;
  const [, num, unit, binary] = m;
  if (!unit) return Math.round(Number(num));
  const base = binary ? 1024 : 1000;
  return Math.round(Number(num) * base ** POWERS[unit.toUpperCase()]!);
}

/** Binary units: 2147483648 → "2 GiB", 2000000000 → "1.9 GiB" (capacity/units.ts formats decimal units). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}
