import type { Check } from "../../engine/types.js";
import { knownImageSizeMb } from "../../capacity/image-sizes.js";
import { fullBaseKind } from "../../data/images.js";
import { parseImageRef } from "../../parse/dockerfile/image-ref.js";
import { rootStage } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";

export const minimalBaseImageDockerfile: Check["dockerfile"] = (df, ctx) => {
  const root = rootStage(df);
  if (!root || root.base.unresolved) return;
  const kind = fullBaseKind(root.base);
  if (!kind) return;
  const b = root.base;
  const full = knownImageSizeMb(b);
  const alt = kind === "language" ? `${b.name}:${b.tag && b.tag !== "latest" ? `${b.tag}-slim` : "slim"}` : b.name === "debian" ? `debian:${b.tag ?? "bookworm"}-slim` : "alpine:3.22";
  const small = knownImageSizeMb(parseImageRef(alt));
  const sizes =
    full !== null && small !== null && full > small
      ? ` (≈${fmt(full)} MB on disk; ${alt} is ≈${fmt(small)} MB, ≈${fmt(full - small)} MB less on every host that pulls it)`
      : "";
  const what = kind === "language" ? "a full language image with compilers and a complete OS" : "a full distribution";
  ctx.report({
    range: instructionRange(root.from, root.from.words[0]),
    message: `The final image is based on ${b.ref}, ${what}${sizes}.`,
    fix: kind === "language" ? `Use ${alt} or -alpine, or copy the build into a distroless final stage.` : `Use a -slim, alpine or distroless base.`,
  });
};

function fmt(mb: number): string {
  return mb >= 100 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}
