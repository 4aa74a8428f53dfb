import { defineConfig } from "vitest/config";
// @ts-expect-error plain ESM helper without types
import { viteVirtual } from "./scripts/virtual-modules.mjs";

export default defineConfig({
  plugins: [viteVirtual],
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
