import type { DockerfileModel, Instruction, Word } from "../../model/dockerfile.js";
import { expandWord } from "../../parse/dockerfile/expand.js";
import { parsePortRange, type PortParse } from "../../parse/ports.js";

export interface ExposedPort {
  instruction: Instruction;
  word: Word;
  text: string;
  parsed: PortParse;
}

/** Every EXPOSE word whose value is known (an unresolved `${PORT}` is skipped), in every stage. */
export function exposedPorts(df: DockerfileModel): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const instr of df.instructions) {
    if (instr.keyword !== "EXPOSE") continue;
    for (const word of instr.words) {
      const e = expandWord(word.raw, instr.scope, df.escape);
      if (e.unresolved) continue;
      for (const text of e.value.split(/\s+/).filter(Boolean)) out.push({ instruction: instr, word, text, parsed: parsePortRange(text) });
    }
  }
  return out;
}
