import type { DockerfileModel, ImageRef, Instruction } from "../../model/dockerfile.js";
import { expandWord } from "../../parse/dockerfile/expand.js";
import { finalChain, lastOf } from "./final-image.js";
import { isKnownNonRootImage } from "../../data/images.js";

/** `root`, `0`, `root:*`, `0:*`, `ContainerAdministrator` (any case for the Windows name). */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(":", 1)[0]!;
  return name === "root" || /^0+$/.test(name) || name.toLowerCase() === "containeradministrator";
}

export interface EffectiveUser {
  /** The user the container starts as, or null when only the base image's default applies. */
  user: string | null;
  /** The last USER instruction of the final image, if any. */
  instruction: Instruction | null;
  unresolved: boolean;
  /** The external base image of the final image. */
  base: ImageRef | null;
  baseDefaultsToNonRoot: boolean;
}

/** The user the final image runs as, following USER through the stages the final stage builds on. */
export function effectiveUser(df: DockerfileModel): EffectiveUser {
  const chain = finalChain(df);
  const base = chain[0]?.base ?? null;
  const instruction = lastOf(df, "USER");
  const baseDefaultsToNonRoot = base !== null && !base.unresolved && isKnownNonRootImage(base);
  if (!instruction || !instruction.words[0]) {
    return { user: null, instruction: null, unresolved: base?.unresolved ?? false, base, baseDefaultsToNonRoot };
  }
  const e = expandWord(instruction.words[0].raw, instruction.scope, df.escape);
  return { user: e.value, instruction, unresolved: e.unresolved, base, baseDefaultsToNonRoot };
}
