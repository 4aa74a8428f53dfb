// Build-time modules shared by the esbuild bundle and vitest: the built-in rule metadata
// (rules/*.yaml, validated against schemas/rule.schema.json) and, later, precompiled schema
// validators. Nothing here runs when a user runs isolint: the results are inlined.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import Ajv from "ajv";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function loadBuiltinRules() {
  const schema = JSON.parse(readFileSync(join(root, "schemas", "rule.schema.json"), "utf8"));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const rules = [];
  const problems = [];
  for (const name of readdirSync(join(root, "rules")).filter((f) => f.endsWith(".yaml")).sort()) {
    const rule = parse(readFileSync(join(root, "rules", name), "utf8"));
    if (!validate(rule)) {
      for (const e of validate.errors) problems.push(`rules/${name}: ${e.instancePath || "/"} ${e.message}`);
    } else if (`${rule.id}.yaml` !== name) {
      problems.push(`rules/${name}: id "${rule.id}" does not match the file name`);
    }
    rules.push(rule);
  }
  if (problems.length) throw new Error(`invalid rule metadata:\n${problems.join("\n")}`);
  return rules;
}

const modules = {
  "virtual:builtin-rules": () => `export default ${JSON.stringify(loadBuiltinRules())};`,
  "virtual:package-version": () =>
    `export default ${JSON.stringify(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version)};`,
};

export function virtualModuleSource(id) {
  const make = modules[id];
  return make ? make() : null;
}

export const virtualIds = Object.keys(modules);

/** esbuild plugin */
export const esbuildVirtual = {
  name: "isolint-virtual",
  setup(build) {
    build.onResolve({ filter: /^virtual:/ }, (args) => ({ path: args.path, namespace: "isolint-virtual" }));
    build.onLoad({ filter: /.*/, namespace: "isolint-virtual" }, (args) => ({
      contents: virtualModuleSource(args.path),
      loader: "js",
      resolveDir: root,
      watchFiles: [],
    }));
  },
};

/** vite / vitest plugin */
export const viteVirtual = {
  name: "isolint-virtual",
  resolveId(id) {
    return id.startsWith("virtual:") ? "\0" + id : null;
  },
  load(id) {
    return id.startsWith("\0virtual:") ? virtualModuleSource(id.slice(1)) : null;
  },
};
