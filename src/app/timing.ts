/**
 * `ISOLINT_TIMING=1`: when each phase of a run ends, on stderr (milliseconds since the process
 * started) — for performance work (docs/performance.md), like ESLint's TIMING.
 */
const enabled = Boolean(process.env.ISOLINT_TIMING);

export function phaseDone(label: string): void {
  if (enabled) process.stderr.write(`isolint timing: ${label.padEnd(28)} ${performance.now().toFixed(0).padStart(6)} ms\n`);
}
