/**
 * Sizes as the inputs write them, and as the reports print them.
 *
 * Compose and `docker run` parse memory with go-units `RAMInBytes`: a number, an optional
 * space, then an optional unit k, m, g, t or p (case-insensitive, every one a power of 1024),
 * an optional `i` and an optional `b` — so `512m`, `256M`, `1g`, `1GB`, `1.5Gi` and `2GiB`
 * are all binary. isolint's own sizes (VM specs, `--host-memory`, `--set`) follow CONTRACT.md
 * instead: K = 1000, Ki = 1024.
 */

const DOCKER_POWER: Record<string, number> = { "": 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/** A Compose / Docker memory value in bytes (rounded down, as Docker does), or null. */
export function parseDockerBytes(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? Math.floor(v) : null;
  if (typeof v !== "string") return null;
  const m = /^\s*(\d+(?:\.\d+)?) ?([kmgtp]?)i?b?\s*$/i.exec(v);
  if (!m) return null;
  return Math.floor(Number(m[1]) * 1024 ** DOCKER_POWER[m[2]!.toLowerCase()]!);
}

const SI_POWER: Record<string, number> = { "": 0, K: 1, M: 2, G: 3, T: 4, P: 5 };

/** An isolint size in bytes: `64GiB`, `64Gi` (binary), `500GB`, `500G` (SI), `1e9`, 0. Or null. */
export function parseSize(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? Math.round(v) : null;
  if (typeof v !== "string" || v.length > 64) return null;
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)\s*(?:([kmgtp])(i?)b?|b)?$/i.exec(v.trim());
  if (!m) return null;
  const power = SI_POWER[(m[2] ?? "").toUpperCase()]!;
  return Math.round(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}

/** A CPU count (`cpus: 0.5`, `"1.5"`, Kubernetes-style `"500m"`), or null. */
export function parseCpus(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== "string") return null;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)(m?)\s*$/.exec(v);
  if (!m) return null;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

/** Bytes for people, SI like the JSON: `4.1 MB`, `0.7 GB`, `2.1 GB`, `161 MB`. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1e12) return `${round(bytes / 1e12)} TB`;
  if (abs >= 1e9) return `${round(bytes / 1e9)} GB`;
  if (abs >= 1e6) return `${round(bytes / 1e6)} MB`;
  if (abs >= 1e3) return `${round(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} B`;
}

/**
 * Bytes as the user likely wrote them: binary (`512 MiB`, `1 GiB`) when the value is a whole
 * number of MiB and not of MB (a Compose limit such as `512m`), SI otherwise.
 */
export function formatBytesAsWritten(bytes: number): string {
  const MIB = 1024 * 1024;
  if (bytes > 0 && bytes % MIB === 0 && bytes % 1e6 !== 0) {
    const gib = bytes / (1024 * MIB);
    return gib >= 1 ? `${round(gib)} GiB` : `${round(bytes / MIB)} MiB`;
  }
  return formatBytes(bytes);
}

/** Seconds for people: `20 ms`, `0.5 s`, `30 s`, `2 min`. */
export function formatSeconds(s: number): string {
  if (s < 0.1) return `${round(s * 1000)} ms`;
  if (s < 120) return `${round(s)} s`;
  return `${round(s / 60)} min`;
}

/** CPUs for people: `0.25`, `3`, `12.5`. */
export function formatCpus(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Two significant digits below 10, whole numbers from 100: `0.23`, `4.1`, `45`, `161`. */
function round(x: number): string {
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 0 : a >= 1 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}
