// Build-time modules shared by the esbuild bundle and vitest: the built-in rule metadata
// (rules/*.yaml, validated against schemas/policy.schema.json) and, later, precompiled schema
// validators. Nothing here runs when a user runs isolint: the results are inlined.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function loadBuiltinRules() {
  const schema = JSON.parse(readFileSync(join(root, "schemas", "policy.schema.json"), "utf8"));
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

/** Documentation keywords don't change what validates; dropping them keeps the generated code small. */
function stripDocs(s) {
  if (Array.isArray(s)) return s.map(stripDocs);
  if (!s || typeof s !== "object") return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (["description", "title", "$comment", "examples"].includes(k) && typeof v !== "object") continue;
    out[k] = stripDocs(v);
  }
  return out;
}

/** A JSON Schema compiled once, at build time, into standalone validation code (no ajv at run time). */
export function validatorSource(schemaFile) {
  const schema = JSON.parse(readFileSync(join(root, "schemas", schemaFile), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true, optimize: true } });
  const validate = ajv.compile(stripDocs(schema));
  return (standaloneCode.default ?? standaloneCode)(ajv, validate);
}

/** One validator per built-in rule that takes options, keyed by rule id. */
export function ruleOptionsValidatorsSource() {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true, optimize: true } });
  const exports = {};
  for (const rule of loadBuiltinRules()) {
    if (!rule.options) continue;
    const name = "opt_" + rule.id.replace(/-/g, "_");
    ajv.addSchema(rule.options, name);
    exports[name] = name;
  }
  const names = Object.keys(exports);
  if (names.length === 0) return "export default {};";
  const code = (standaloneCode.default ?? standaloneCode)(ajv, exports);
  const map = names.map((n) => `${JSON.stringify(n.slice(4).replace(/_/g, "-"))}: ${n}`).join(", ");
  return `${code}\nexport default { ${map} };`;
}

const modules = {
  "virtual:rule-options-validators": () => ruleOptionsValidatorsSource(),
  "virtual:compose-validator": () => validatorSource("compose.schema.json"),
  "virtual:config-validator": () => validatorSource("config.schema.json"),
  "virtual:vm-spec-validator": () => validatorSource("vm-spec.schema.json"),
  "virtual:policy-validator": () => validatorSource("policy.schema.json"),
  // Compose service keys, so that policies naming a raw key can be checked when loaded.
  "virtual:compose-service-keys": () => {
    const schema = JSON.parse(readFileSync(join(root, "schemas", "compose.schema.json"), "utf8"));
    return `export default ${JSON.stringify(Object.keys(schema.definitions.service.properties).sort())};`;
  },
  // The keys below each service key, as far as the schema closes them (null: anything goes there),
  // so that a policy's `deploy.resources.limits.memry` is refused at load time.
  "virtual:compose-service-tree": () => {
    const schema = JSON.parse(readFileSync(join(root, "schemas", "compose.schema.json"), "utf8"));
    return `export default JSON.parse(${JSON.stringify(JSON.stringify(keyTree(schema, schema.definitions.service, 0)))});`;
  },
  "virtual:builtin-rules": () => `export default ${JSON.stringify(loadBuiltinRules())};`,
  "virtual:package-version": () =>
    `export default ${JSON.stringify(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version)};`,
};

/** Object keys a schema node allows, nested: `{ key: subtree | null }`, or null when open (any key). */
function keyTree(schema, node, depth) {
  const resolve = (n) => (n && n.$ref ? resolve(schema.definitions[n.$ref.replace("#/definitions/", "")]) : n);
  node = resolve(node);
  if (!node || depth > 6) return null;
  const variants = [node, ...(node.oneOf ?? []), ...(node.anyOf ?? [])].map(resolve).filter((v) => v && v.properties);
  if (variants.length === 0) return null;
  // Open when any variant takes other keys than its properties (and x- extensions).
  const open = variants.some((v) => v.additionalProperties !== false && !(v.patternProperties && Object.keys(v.patternProperties).every((p) => p === "^x-")));
  if (open) return null;
  const out = {};
  for (const v of variants) for (const [k, sub] of Object.entries(v.properties)) out[k] = out[k] ?? keyTree(schema, sub, depth + 1);
  return out;
}

export function virtualModuleSource(id) {
  const make = modules[id];
  return make ? make() : null;
}


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
