import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copiesThatFit, ffd, gkeReservation, hostsNeeded, type Capacity, type Item } from "../src/capacity/fit.js";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

function fits(bin: readonly Item[], cap: Capacity): boolean {
  const cpus = bin.reduce((a, i) => a + i.cpus, 0);
  const mem = bin.reduce((a, i) => a + i.memoryBytes, 0);
  return cpus <= cap.cpus + 1e-9 && mem <= cap.memoryBytes;
}

/** The fewest hosts, by trying every assignment of items to hosts (n ≤ 6: at most 6^6 assignments). */
function bruteForceBins(items: readonly Item[], cap: Capacity): number | null {
  const n = items.length;
  if (n === 0) return 0;
  if (items.some((i) => !fits([i], cap))) return null;
  let best = n;
  const assign = new Array<number>(n).fill(0);
  const visit = (k: number, used: number) => {
    if (used >= best) return;
    if (k === n) {
      const bins = Array.from({ length: used }, (_, b) => items.filter((_, i) => assign[i] === b));
      if (bins.every((b) => fits(b, cap))) best = used;
      return;
    }
    // Item k goes to an existing host or opens the next one (hosts are interchangeable).
    for (let b = 0; b <= used && b < n; b++) {
      assign[k] = b;
      visit(k + 1, Math.max(used, b + 1));
    }
  };
  visit(0, 0);
  return best;
}

/** The most copies of the items that one host takes, by checking every k in turn (one host: the assignment is forced). */
function bruteForceCopies(items: readonly Item[], cap: Capacity, limit = 500): number {
  let k = 0;
  while (k < limit && fits(Array.from({ length: k + 1 }, () => items).flat(), cap)) k++;
  return k;
}

const item = fc.record({
  cpus: fc.constantFrom(0, 0.25, 0.5, 1, 1.5, 2, 3, 4),
  memoryBytes: fc.integer({ min: 0, max: 16 }).map((g) => (g * GIB) / 2),
});
const CAP: Capacity = { cpus: 4, memoryBytes: 8 * GIB };

describe("first-fit-decreasing against brute force (≤ 6 items)", () => {
  it("packs every item exactly once, within each host, never in fewer hosts than the optimum", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), (items) => {
        const bins = ffd(items, CAP);
        const opt = bruteForceBins(items, CAP);
        if (opt === null) return bins === null;
        expect(bins).not.toBeNull();
        expect(bins!.flat().sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
        for (const b of bins!) expect(fits(b.map((i) => items[i]!), CAP)).toBe(true);
        expect(bins!.length).toBeGreaterThanOrEqual(opt);
        // Whatever fits on one host, FFD puts on one host.
        if (opt === 1) expect(bins!.length).toBe(1);
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it("stays within FFD's bound 11/9 · OPT + 6/9 on one dimension", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const items = sizes.map((s) => ({ cpus: 0, memoryBytes: s * GIB }));
        const cap = { cpus: Infinity, memoryBytes: 10 * GIB };
        const got = hostsNeeded(items, cap)!;
        const opt = bruteForceBins(items, cap)!;
        expect(got).toBeLessThanOrEqual((11 / 9) * opt + 6 / 9);
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it("finds the optimum on hand-made cases", () => {
    const gib = (cpus: number, g: number) => ({ cpus, memoryBytes: g * GIB });
    expect(hostsNeeded([gib(2, 4), gib(2, 4), gib(2, 4), gib(2, 4)], CAP)).toBe(2);
    expect(hostsNeeded([gib(3, 1), gib(1, 7), gib(1, 1), gib(3, 7)], CAP)).toBe(bruteForceBins([gib(3, 1), gib(1, 7), gib(1, 1), gib(3, 7)], CAP));
    expect(hostsNeeded([gib(5, 1)], CAP)).toBeNull();
    expect(hostsNeeded([], CAP)).toBe(0);
  });

  it("counts the copies of a stack that fit on one host like brute force", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 3 }), (items) => {
        const cap = { cpus: 16, memoryBytes: 32 * GIB };
        const expected = items.every((i) => i.cpus === 0 && i.memoryBytes === 0) ? Infinity : bruteForceCopies(items, cap);
        expect(copiesThatFit(items, cap)).toBe(expected);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("is bounded by the dimensions given only", () => {
    const items = [{ cpus: 1, memoryBytes: 1 * GIB }];
    expect(copiesThatFit(items, { cpus: Infinity, memoryBytes: 10 * GIB })).toBe(10);
    expect(copiesThatFit(items, { cpus: 3, memoryBytes: Infinity })).toBe(3);
    expect(copiesThatFit(items, { cpus: Infinity, memoryBytes: Infinity })).toBe(Infinity);
    expect(copiesThatFit([], CAP)).toBe(Infinity);
    expect(copiesThatFit([{ cpus: 8, memoryBytes: 0 }], CAP)).toBe(0);
  });

  it("adds floating-point CPUs without losing a copy", () => {
    expect(copiesThatFit([{ cpus: 0.1, memoryBytes: 0 }, { cpus: 0.2, memoryBytes: 0 }], { cpus: 0.3 * 10, memoryBytes: Infinity })).toBe(10);
  });
});

describe("what the host keeps (GKE's node reservation)", () => {
  it("reserves by tiers of memory and CPU, plus the eviction threshold", () => {
    const r = gkeReservation(64 * GIB, 16);
    expect(r.memoryBytes).toBe(Math.round((1 + 0.8 + 0.8 + 0.06 * 48) * GIB + 100 * MIB));
    expect(r.cpus).toBeCloseTo(0.06 + 0.01 + 0.01 + 0.0025 * 12, 10);
    expect(gkeReservation(512 * MIB, 1).memoryBytes).toBe(355 * MIB);
    expect(gkeReservation(256 * GIB, 1).memoryBytes).toBe(Math.round((1 + 0.8 + 0.8 + 0.06 * 112 + 0.02 * 128) * GIB + 100 * MIB));
  });
});
