import type { DockerfileModel, Instruction, Stage } from "../../model/dockerfile.js";

/** The stage `docker build` produces by default: the last one. */
export function finalStage(df: DockerfileModel): Stage | null {
  return df.stages[df.stages.length - 1] ?? null;
}

const chains = new WeakMap<DockerfileModel, Stage[]>();
const finals = new WeakMap<DockerfileModel, Instruction[]>();

/** The final stage and the stages it builds on (`FROM builder`), base first (computed once per file). */
export function finalChain(df: DockerfileModel): Stage[] {
  let chain = chains.get(df);
  if (!chain) {
    chain = [];
    for (let s = finalStage(df); s; s = s.parent) chain.unshift(s);
    chains.set(df, chain);
  }
  return chain;
}

/** The external image the final image starts from (after following `FROM <stage>`). */
export function rootStage(df: DockerfileModel): Stage | null {
  return finalChain(df)[0] ?? null;
}

/** Every instruction that shapes the final image, in build order. */
export function finalInstructions(df: DockerfileModel): Instruction[] {
  let list = finals.get(df);
  if (!list) finals.set(df, (list = finalChain(df).flatMap((s) => s.instructions)));
  return list;
}

/** The last instruction with this keyword in the final image, or null. */
export function lastOf(df: DockerfileModel, keyword: string): Instruction | null {
  const all = finalInstructions(df);
  for (let i = all.length - 1; i >= 0; i--) if (all[i]!.keyword === keyword) return all[i]!;
  return null;
}
