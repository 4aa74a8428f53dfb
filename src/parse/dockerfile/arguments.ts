import type { Instruction, ParseProblem } from "../../model/dockerfile.js";

/** Instructions that BuildKit refuses without an argument ("… requires at least one argument"). */
const NEEDS_ARGUMENT = new Set(["USER", "WORKDIR", "EXPOSE", "STOPSIGNAL", "ENV", "LABEL", "VOLUME", "ARG", "HEALTHCHECK", "ONBUILD", "SHELL", "MAINTAINER"]);

/**
 * The argument errors that make `docker build` refuse a Dockerfile before it runs anything —
 * only those BuildKit's parser reports, so that a file Docker builds never gets a parse-error.
 */
export function argumentProblem(instr: Instruction): ParseProblem | null {
  const kw = instr.keyword;
  const at = (message: string): ParseProblem => ({ range: instr.keywordRange, message });
  const empty = instr.args.trim() === "" && instr.heredocs.length === 0;
  if (empty && NEEDS_ARGUMENT.has(kw)) return at(`${kw} requires at least one argument`);
  switch (kw) {
    case "COPY":
    case "ADD":
      if (instr.words.length < 2 && instr.exec === null) return at(`${kw} requires at least two arguments: the source(s) and the destination`);
      if (instr.exec !== null && instr.exec.length < 2) return at(`${kw} requires at least two arguments: the source(s) and the destination`);
      return null;
    case "ENV":
    case "LABEL": {
      // The legacy form `ENV NAME value` needs the value; `ENV NAME` alone is refused.
      const first = instr.words[0];
      if (first && !first.raw.includes("=") && instr.words.length < 2) return at(`${kw} ${first.raw} has no value: write ${kw} ${first.raw}=<value>`);
      return null;
    }
    case "HEALTHCHECK": {
      const type = instr.words[0]?.raw.toUpperCase();
      if (type === "NONE") return instr.words.length > 1 ? at("HEALTHCHECK NONE takes no arguments") : null;
      if (type !== "CMD") return at(`unknown HEALTHCHECK type "${instr.words[0]!.raw}": use CMD or NONE`);
      const command = instr.args.trim().slice(3).trim();
      if (command === "" || /^\[\s*\]$/.test(command)) return at("HEALTHCHECK CMD has no command after CMD");
      return null;
    }
    case "ONBUILD": {
      const trigger = instr.words[0]!.raw.toUpperCase();
      if (trigger === "ONBUILD") return at("ONBUILD ONBUILD: ONBUILD triggers can't be chained");
      if (trigger === "FROM" || trigger === "MAINTAINER") return at(`${trigger} isn't allowed as an ONBUILD trigger`);
      return null;
    }
    default:
      return null;
  }
}
