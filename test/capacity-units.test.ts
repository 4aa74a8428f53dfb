import { describe, expect, it } from "vitest";
import { formatBytes, formatBytesAsWritten, parseCpus, parseDockerBytes, parseSize } from "../src/capacity/units.js";

const KI = 1024;
const MI = 1024 ** 2;
const GI = 1024 ** 3;

describe("Compose / Docker memory values (go-units RAMInBytes: every unit binary)", () => {
  it.each([
    ["512m", 512 * MI],
    ["512M", 512 * MI],
    ["256M", 256 * MI],
    ["1g", GI],
    ["1G", GI],
    ["1gb", GI],
    ["2GB", 2 * GI],
    ["1.5Gi", 1.5 * GI],
    ["1.5GiB", 1.5 * GI],
    ["64k", 64 * KI],
    ["64kb", 64 * KI],
    ["1t", 1024 ** 4],
    ["100b", 100],
    ["100", 100],
    ["1.5 g", 1.5 * GI],
    [" 512m ", 512 * MI],
    [1073741824, 1073741824],
    ["0.1k", 102],
  ])("%j is %d bytes", (text, bytes) => {
    expect(parseDockerBytes(text)).toBe(bytes);
  });

  it.each(["", "abc", "-1m", "1x", "1mm", "m", "1e9", "1.2.3m", null, undefined, true, -5, Number.NaN, {}])("%j is not a size", (v) => {
    expect(parseDockerBytes(v)).toBeNull();
  });
});

describe("isolint sizes (K = 1000, Ki = 1024)", () => {
  it.each([
    ["64GiB", 64 * GI],
    ["64Gi", 64 * GI],
    ["500GB", 500e9],
    ["500G", 500e9],
    ["500g", 500e9],
    ["500MB", 500e6],
    ["1.5GiB", 1.5 * GI],
    ["1024B", 1024],
    ["1e9", 1e9],
    ["0", 0],
    [700000000, 700000000],
  ])("%j is %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["lots", "1x", "-1GB", "", null])("%j is not a size", (v) => {
    expect(parseSize(v)).toBeNull();
  });
});

describe("CPU counts", () => {
  it.each([
    ["0.5", 0.5],
    [".5", 0.5],
    ["2", 2],
    [1.5, 1.5],
    ["250m", 0.25],
  ])("%j is %d CPUs", (v, n) => {
    expect(parseCpus(v)).toBe(n);
  });
  it.each(["", "one", "-1", null])("%j is not a CPU count", (v) => {
    expect(parseCpus(v)).toBeNull();
  });
});

describe("printing", () => {
  it("prints SI bytes like the JSON", () => {
    expect(formatBytes(700e6)).toBe("700 MB");
    expect(formatBytes(2.1e9)).toBe("2.1 GB");
    expect(formatBytes(4.1e6)).toBe("4.1 MB");
    expect(formatBytes(161.3e6)).toBe("161 MB");
    expect(formatBytes(0)).toBe("0 B");
  });
  it("prints binary sizes the way they were likely written", () => {
    expect(formatBytesAsWritten(512 * MI)).toBe("512 MiB");
    expect(formatBytesAsWritten(64 * GI)).toBe("64 GiB");
    expect(formatBytesAsWritten(200e6)).toBe("200 MB");
  });
});
