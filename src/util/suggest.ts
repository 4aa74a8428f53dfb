/**
 * "Did you mean …?" for messages: the nearest names by optimal-string-alignment distance
 * (a swapped pair of letters costs 1), where a prefix (`eq` → `equals`) or an abbreviation
 * that keeps the letters in order (`svc` → `service`) counts as close.
 */
export function nearest(name: string, candidates: readonly string[], max = 3): string[] {
  const n = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored = [...new Set(candidates)]
    .map((c) => {
      const l = c.toLowerCase();
      let d = editDistance(n, l);
      if (n.length >= 2 && (l.startsWith(n) || (l[0] === n[0] && isSubsequence(n, l)))) d = Math.min(d, 1);
      return { c, d };
    })
    .filter((x) => x.d <= limit && x.c !== name);
  // Only the closest tier: "eq" suggests "equals", not also "gt" and "in".
  const best = Math.min(...scored.map((x) => x.d));
  return scored
    .filter((x) => x.d === best)
    .sort((a, b) => (a.c < b.c ? -1 : 1))
    .slice(0, max)
    .map((x) => x.c);
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/** Optimal-string-alignment (restricted Damerau-Levenshtein) distance. */
export function editDistance(a: string, b: string): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prev2[j - 2]! + 1);
      cur.push(best);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}
