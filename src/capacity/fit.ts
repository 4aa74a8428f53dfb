/**
 * Packing instances (containers, VMs) onto hosts: first-fit-decreasing on two dimensions, CPU
 * and memory. Items are taken largest first, by their dominant share of a host (the larger of
 * cpus / host cpus and memory / host memory), and each goes into the first host with room.
 */

export interface Item {
  cpus: number;
  memoryBytes: number;
}

/** Room on one host; Infinity for a dimension that was not given. */
export type Capacity = Item;

const EPS = 1e-9;

function fits(item: Item, free: Item): boolean {
  return item.cpus <= free.cpus + EPS && item.memoryBytes <= free.memoryBytes * (1 + EPS);
}

function share(item: Item, cap: Capacity): number {
  const c = Number.isFinite(cap.cpus) && cap.cpus > 0 ? item.cpus / cap.cpus : 0;
  const m = Number.isFinite(cap.memoryBytes) && cap.memoryBytes > 0 ? item.memoryBytes / cap.memoryBytes : 0;
  return Math.max(c, m);
}

/**
 * First-fit-decreasing. Returns the hosts as lists of item indexes, or null when an item is
 * larger than an empty host or more than `maxBins` hosts would be needed.
 */
export function ffd(items: readonly Item[], cap: Capacity, maxBins = Infinity): number[][] | null {
  const order = items
    .map((item, i) => ({ i, s: share(item, cap), sum: item.cpus / Math.max(cap.cpus, EPS) + item.memoryBytes / Math.max(cap.memoryBytes, EPS) }))
    .sort((a, b) => b.s - a.s || b.sum - a.sum || a.i - b.i);
  const bins: number[][] = [];
  const free: Item[] = [];
  for (const { i } of order) {
    const item = items[i]!;
    if (!fits(item, cap)) return null;
    let b = free.findIndex((f) => fits(item, f));
    if (b < 0) {
      if (bins.length >= maxBins) return null;
      bins.push([]);
      free.push({ ...cap });
      b = bins.length - 1;
    }
    bins[b]!.push(i);
    free[b]!.cpus -= item.cpus;
    free[b]!.memoryBytes -= item.memoryBytes;
  }
  return bins;
}

/** How many hosts of this size FFD needs for the items; null when one item is larger than a host. */
export function hostsNeeded(items: readonly Item[], cap: Capacity): number | null {
  const bins = ffd(items, cap);
  return bins === null ? null : bins.length;
}

/** Above this many items the search below trusts the sums alone (on one host they decide it). */
const MAX_PACKED_ITEMS = 200_000;

/**
 * How many copies of a set of items FFD places on one host: the largest k for which k copies
 * pack into one bin. Infinity when no given dimension bounds it (or there are no items).
 */
export function copiesThatFit(items: readonly Item[], cap: Capacity): number {
  if (items.length === 0) return Infinity;
  if (items.some((i) => !fits(i, cap))) return 0;
  const total = items.reduce((a, i) => ({ cpus: a.cpus + i.cpus, memoryBytes: a.memoryBytes + i.memoryBytes }), { cpus: 0, memoryBytes: 0 });
  // On one host every item must fit at once: the sums bound k from above.
  let upper = Infinity;
  if (total.cpus > 0 && Number.isFinite(cap.cpus)) upper = Math.min(upper, Math.floor(cap.cpus / total.cpus + EPS));
  if (total.memoryBytes > 0 && Number.isFinite(cap.memoryBytes)) upper = Math.min(upper, Math.floor((cap.memoryBytes * (1 + EPS)) / total.memoryBytes));
  if (!Number.isFinite(upper) || upper * items.length > MAX_PACKED_ITEMS) return upper;
  const packs = (k: number) => k === 0 || ffd(repeat(items, k), cap, 1) !== null;
  let lo = 0;
  let hi = upper;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (packs(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function repeat(items: readonly Item[], k: number): Item[] {
  const out: Item[] = [];
  for (let j = 0; j < k; j++) out.push(...items);
  return out;
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/**
 * What a host keeps for itself, after GKE's node reservation: memory 25 % of the first 4 GiB,
 * 20 % of the next 4, 10 % of the next 8, 6 % of the next 112 and 2 % above 128 GiB (255 MiB
 * on hosts under 1 GiB), plus a 100 MiB eviction threshold; CPU 6 % of the first core, 1 % of
 * the second, 0.5 % of the third and fourth, 0.25 % of the rest.
 */
export function gkeReservation(memoryBytes: number, cpus: number): Item {
  const tiers: [number, number][] = [
    [4 * GIB, 0.25],
    [4 * GIB, 0.2],
    [8 * GIB, 0.1],
    [112 * GIB, 0.06],
    [Infinity, 0.02],
  ];
  const mem = memoryBytes < GIB ? 255 * MIB : tiered(memoryBytes, tiers);
  const cpuTiers: [number, number][] = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Infinity, 0.0025],
  ];
  return { memoryBytes: Math.round(mem + 100 * MIB), cpus: tiered(cpus, cpuTiers) };
}

/** `amount` split into consecutive tiers of [size, rate]: the sum of each part times its rate. */
function tiered(amount: number, tiers: readonly [number, number][]): number {
  let total = 0;
  let rest = amount;
  for (const [size, rate] of tiers) {
    const part = Math.min(rest, size);
    total += part * rate;
    rest -= part;
    if (rest <= 0) break;
  }
  return total;
}
