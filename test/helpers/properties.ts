/**
 * The properties of issue 9, shared by test/property.test.ts (fixed seed) and `npm run fuzz`
 * (random seed, many runs): on any input the CLI, run in-process, never throws, exits 0 or 1,
 * prints the contract's JSON with findings sorted and inside their files, and prints the same
 * bytes when run again.
 */
import fc from "fast-check";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { main, type Io } from "../../src/cli/main.js";
import { decodeText } from "../../src/parse/text.js";
import { composeCase, corpusSample, dockerfileCase, mutatedCase, vmCase, type Files } from "./arbitraries.js";
import { checkPositions, checkSorted, parseReport } from "./report.js";

export { fc };

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const utf8 = new TextDecoder();

/** `isolint <args>` in-process, with output captured. */
export async function runCli(cwd: string, args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    cwd,
    env: { NO_COLOR: "1" },
    stdout: (s) => void (stdout += typeof s === "string" ? s : utf8.decode(s)),
    stderr: (s) => void (stderr += s),
    stdoutIsTTY: false,
    readStdin: () => new Uint8Array(),
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

/** Empties the folder and writes the case's files into it. */
export function writeCase(dir: string, files: Files): void {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}

const ARGS = ["audit", ".", "--format", "json", "--no-config"];

/** Lints the case twice in `dir` and throws, saying why, if a property fails. */
export async function checkCase(dir: string, files: Files): Promise<void> {
  writeCase(dir, files);
  const first = await runCli(dir, ARGS);
  if (first.status !== 0 && first.status !== 1) throw new Error(`exit ${first.status}: ${first.stderr}`);
  if (first.stderr !== "") throw new Error(`stderr: ${first.stderr}`);
  const report = parseReport(first.stdout);
  checkSorted(report);
  const texts = new Map<string, string>();
  for (const [p, content] of Object.entries(files)) {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    const decoded = decodeText(bytes);
    texts.set(p, decoded.ok ? decoded.text : Buffer.from(bytes).toString("latin1"));
  }
  checkPositions(report, texts);
  const second = await runCli(dir, ARGS);
  if (second.stdout !== first.stdout || second.status !== first.status) throw new Error("a second run gave different output");
}

/** The kinds of cases, by name: generated files of each kind, and mutations of corpus files. */
export function caseKinds(corpus: string | null): Record<string, fc.Arbitrary<Files>> {
  const kinds: Record<string, fc.Arbitrary<Files>> = { dockerfile: dockerfileCase, compose: composeCase, vm: vmCase };
  const samples = corpus ? corpusSample(corpus) : [];
  if (samples.length > 0) kinds.corpus = mutatedCase(samples);
  return kinds;
}

/** How a failing case reads in a report: each file's name and (cut) text. */
export function showCase(files: Files): string {
  return Object.entries(files)
    .map(([p, c]) => `--- ${p}\n${(typeof c === "string" ? c : Buffer.from(c).toString("latin1")).slice(0, 3000)}`)
    .join("\n");
}
