/**
 * `ISOLINT_TIMING=1`: when each phase of a run ends, on stderr (milliseconds since the process
 * started, the thread's heap in use — live objects only under `node --expose-gc` — and the process's resident memory) — for performance work
 * (docs/performance.md), like ESLint's TIMING.
 */
const enabled = Boolean(process.env.ISOLINT_TIMING);

/** Under `node --expose-gc`, the heap is measured after a full collection: live objects only. */
const collect = (globalThis as { gc?: () => void }).gc;

export function phaseDone(label: string): void {
  if (!enabled) return;
  collect?.();
  const mb = (n: number) => `${(n / 1048576).toFixed(0).padStart(4)} MB`;
  const m = process.memoryUsage();
  process.stderr.write(`isolint timing: ${label.padEnd(32)} ${performance.now().toFixed(0).padStart(6)} ms  heap ${mb(m.heapUsed)}  rss ${mb(m.rss)}\n`);
}
