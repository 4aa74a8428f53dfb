import type { BuiltImage } from "../../model/built-image.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import { exposedPorts } from "./expose.js";
import { finalChain, lastOf, rootStage } from "./final-image.js";
import { effectiveUser } from "./users.js";

/** The facts the Compose checks need from a Dockerfile a service builds (see BuiltImage). */
export function builtImage(df: DockerfileModel): BuiltImage {
  const u = effectiveUser(df);
  const exposes: { port: import("../../parse/ports.js").PortRange; line: number }[] = [];
  const final = new Set(finalChain(df).map((s) => s.index));
  for (const e of exposedPorts(df)) if (e.parsed.ok && final.has(e.instruction.stage)) exposes.push({ port: e.parsed.port, line: e.instruction.range.line });
  return {
    path: df.path,
    hasHealthcheck: lastOf(df, "HEALTHCHECK") !== null,
    user: u.instruction
      ? { value: u.user, unresolved: u.unresolved, line: u.instruction.range.line, raw: u.instruction.words[0]?.raw ?? "", scope: u.instruction.scope, escape: df.escape }
      : null,
    exposes,
    baseName: baseNameOf(df),
  };
}

function baseNameOf(df: DockerfileModel): string | null {
  const root = rootStage(df);
  return root && !root.parent && !root.base.unresolved ? root.base.name : null;
}
