import type { Check } from "../../engine/types.js";
import type { ImageRef } from "../../model/dockerfile.js";
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
  const alt = smallerVariant(b, kind);
  const small = alt ? knownImageSizeMb(parseImageRef(alt)) : null;
  const sizes =
    full !== null && small !== null && full > small
      ? ` (≈${fmt(full)} MB on disk; ${alt} is ≈${fmt(small)} MB, ≈${fmt(full - small)} MB less on every host that pulls it)`
      : "";
  ctx.report({
    range: instructionRange(root.from, root.from.words[0]),
    message: `The final image is based on ${b.ref}, ${describe(b, kind)}${sizes}.`,
    fix:
      kind === "language"
        ? `Use ${alt ? `${alt} (or another slim or alpine variant)` : "a slim or alpine variant"}, or copy the build into a distroless final stage.`
        : `Use ${alt ?? "a -slim, alpine or distroless base"}${alt ? " or a distroless base" : ""}.`,
  });
};

/** Tag suffixes that only name the Debian or Ubuntu release under the image. */
const SUITE = /(^|-)(bookworm|bullseye|buster|stretch|trixie|focal|jammy|noble)$/;
/** Language images published as `<version>-slim`. */
const SLIM_VARIANTS = new Set(["node", "python", "ruby", "perl", "openjdk", "rust", "elixir", "erlang", "haskell", "swift"]);
/** Language images without -slim that come as `<version>-alpine`. */
const ALPINE_VARIANTS = new Set(["golang", "eclipse-temurin", "maven", "gradle"]);

/** An image that exists and does the same job with less OS (or null when there is no obvious one). */
function smallerVariant(b: ImageRef, kind: "language" | "full-distro"): string | null {
  const tag = b.tag && b.tag !== "latest" ? b.tag : "";
  // Windows images have no slim or alpine variant.
  if (/windowsservercore|nanoserver/.test(tag)) return null;
  const version = tag.replace(SUITE, "");
  if (b.name === "debian") return `debian:${/^([\d.]+|[a-z]+)$/.test(tag) ? tag : "bookworm"}-slim`;
  if (b.name === "buildpack-deps") {
    const suite = SUITE.exec(tag)?.[2] ?? (tag === "" ? "bookworm" : null);
    return suite && DEBIAN_SUITES.has(suite) ? `debian:${suite}-slim` : null;
  }
  if (kind === "full-distro") return "alpine:3.22";
  // perl's threaded builds: `5.38-threaded` → `5.38-slim-threaded`.
  if (b.name === "perl" && /-threaded$/.test(version)) return `perl:${version.replace(/-threaded$/, "")}-slim-threaded`;
  if (SLIM_VARIANTS.has(b.name)) return `${b.name}:${version ? `${version}-slim` : "slim"}`;
  if (ALPINE_VARIANTS.has(b.name)) return `${b.name}:${version ? `${version}-alpine` : "alpine"}`;
  if (b.name === "php" && !/apache/.test(version)) return `php:${version ? `${version}-alpine` : "alpine"}`;
  return null;
}

const DEBIAN_SUITES = new Set(["bookworm", "bullseye", "buster", "stretch", "trixie"]);

function describe(b: ImageRef, kind: "language" | "full-distro"): string {
  if (kind === "full-distro") return "a full distribution";
  if (b.name === "buildpack-deps") return "a full build image (compilers and development headers)";
  if (/(^|-)jre(-|$)/.test(b.tag ?? "")) return "a full runtime image with a complete OS";
  return "a full language image with compilers and a complete OS";
}

function fmt(mb: number): string {
  return mb >= 100 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}
