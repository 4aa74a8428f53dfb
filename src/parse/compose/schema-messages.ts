// Turns Ajv errors (from validating a Compose file against schemas/compose.schema.json
// with `allErrors: true`) into findings a user can act on.
//
// Ajv's `schemaPath` is relative to whichever sub-schema Ajv compiled as its own function,
// so it cannot be resolved reliably against the root schema. Instead, schema nodes are
// found by walking the schema along the *data* path (following $ref, and only entering
// anyOf/oneOf branches whose `type` fits the actual value).
import type { ErrorObject } from "ajv";
import { editDistance } from "../../util/suggest.js";
import composeSchema from "../../../schemas/compose.schema.json";

export interface SchemaProblem {
  /** Path in the data of the node the finding points at (for an unknown key: including that key). */
  path: (string | number)[];
  /** The offending key: the unknown key, or the missing required key (then `path` is its parent). */
  key?: string;
  message: string;
}

type SchemaObject = { [keyword: string]: unknown };
type Segment = string | number;

const ROOT = composeSchema as unknown as SchemaObject;

/** Keywords whose failure at a path means "the value has the wrong form here". */
const MISMATCH_KEYWORDS = new Set(["type", "enum", "const", "pattern", "anyOf", "oneOf", "not", "false schema"]);

const CONTEXTS: Record<string, string> = {
  services: "service",
  networks: "network",
  volumes: "volume",
  secrets: "secret",
  configs: "config",
  models: "model",
};

/** Keys of a service that are commonly written at the service level but belong in a sub-section. */
const RELOCATION_HINTS: [section: string, definition: string][] = [
  ["deploy", "deploy"],
  ["build", "build"],
];

export function describeSchemaErrors(
  errors: ErrorObject[],
  data: unknown,
  schema: object = ROOT,
): SchemaProblem[] {
  const root = schema as SchemaObject;
  // Errors inside `propertyNames` carry a `propertyName`; the propertyNames error itself covers them.
  const relevant = errors.filter((e) => (e as { propertyName?: unknown }).propertyName === undefined);

  const groups = new Map<string, ErrorObject[]>();
  for (const e of relevant) {
    const list = groups.get(e.instancePath);
    if (list) list.push(e);
    else groups.set(e.instancePath, [e]);
  }

  const problems: SchemaProblem[] = [];
  for (const [pointer, group] of groups) {
    const path = pointerToPath(pointer, data);
    const composite = group.some((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
    if (!composite) {
      for (const e of group) problems.push(convert(e, path, data, root));
      continue;
    }
    // Some branch fitted the value's type if errors were reported inside the value, or if
    // structural errors (required, unknown key, ...) were reported on the value itself.
    const structural = group.filter((e) => !MISMATCH_KEYWORDS.has(e.keyword));
    const deeper = relevant.some((e) => e.instancePath.startsWith(pointer + "/"));
    if (structural.length > 0 || deeper) {
      for (const e of structural) problems.push(convert(e, path, data, root));
      continue;
    }
    const ambiguous = group.find((e) => e.keyword === "oneOf" && Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas));
    if (ambiguous) {
      problems.push({ path, message: `${subject(path)} matches more than one allowed form${suffix(path)}` });
      continue;
    }
    problems.push({ path, message: `${subject(path)} must be ${describeAt(path, data, root)}${suffix(path)}` });
  }

  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = JSON.stringify([p.path, p.key ?? null]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function convert(e: ErrorObject, path: Segment[], data: unknown, root: SchemaObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      const allowed = allowedKeys(path, data, root);
      const suggestion = closest(key, allowed);
      let hint = suggestion !== undefined ? ` (did you mean "${suggestion}"?)` : "";
      if (!hint && isServicePath(path)) {
        for (const [section, definition] of RELOCATION_HINTS) {
          const sectionKeys = keysOf(definitionNode(root, definition), root);
          if (sectionKeys.includes(key)) {
            hint = ` (it belongs under "${section}")`;
            break;
          }
          const near = closest(key, sectionKeys);
          if (near !== undefined) {
            hint = ` (did you mean "${section}.${near}"?)`;
            break;
          }
        }
      }
      const message =
        path.length === 0 ? `unknown top-level key "${key}"${hint}` : `unknown key "${key}" in ${where(path)}${hint}`;
      return { path: [...path, key], key, message };
    }
    case "required": {
      const key = String(params["missingProperty"]);
      return { path, key, message: `${subject([...path, key])} is required${suffix([...path, key])}` };
    }
    case "propertyNames": {
      const key = String(params["propertyName"]);
      const message =
        path.length === 1 && path[0] === "services"
          ? `"${key}" is not a valid service name (use only letters, digits, ".", "_" and "-")`
          : `invalid key "${key}" in ${where(path)}`;
      return { path: [...path, key], key, message };
    }
    case "type": {
      // Prefer the schema's own wording (e.g. "a duration such as 10s") over the bare type list.
      const node = firstNodeAt(path, data, root);
      const expected = node ? describeNode(node, root, 0) : typePhrase(String(params["type"]).split(","), undefined);
      return { path, message: `${subject(path)} must be ${expected}${suffix(path)}` };
    }
    case "enum": {
      const values = Array.isArray(params["allowedValues"]) ? params["allowedValues"] : [];
      return { path, message: `${subject(path)} must be one of ${values.map(String).join(", ")}${suffix(path)}` };
    }
    case "const":
      return { path, message: `${subject(path)} must be ${JSON.stringify(params["allowedValue"])}${suffix(path)}` };
    case "pattern": {
      const node = firstNodeAt(path, data, root);
      const expected = node && typeof node.title === "string" ? node.title : `a string matching ${String(params["pattern"])}`;
      return { path, message: `${subject(path)} must be ${expected}${suffix(path)}` };
    }
    case "anyOf":
    case "oneOf":
      return { path, message: `${subject(path)} must be ${describeAt(path, data, root)}${suffix(path)}` };
    default:
      return { path, message: `${subject(path)} ${e.message ?? "is invalid"}${suffix(path)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Wording

function contextOf(path: Segment[]): { ctx?: string; rest: Segment[] } {
  const head = path[0];
  if (typeof head === "string" && path.length >= 2 && Object.hasOwn(CONTEXTS, head)) {
    return { ctx: `${CONTEXTS[head]} "${String(path[1])}"`, rest: path.slice(2) };
  }
  return { rest: path };
}

function formatPath(segments: Segment[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Noun phrase for the value at `path`, relative to its service/network/... */
function subject(path: Segment[]): string {
  if (path.length === 0) return "the Compose file";
  const { ctx, rest } = contextOf(path);
  if (rest.length === 0 && ctx !== undefined) return ctx;
  return formatPath(rest);
}

/** " (service "web")" when the subject is inside a named definition. */
function suffix(path: Segment[]): string {
  const { ctx, rest } = contextOf(path);
  return ctx !== undefined && rest.length > 0 ? ` (${ctx})` : "";
}

/** Location phrase for an object at `path`: `service "web"`, `build of service "web"`, `include[0]`. */
function where(path: Segment[]): string {
  const { ctx, rest } = contextOf(path);
  if (ctx === undefined) return formatPath(rest);
  return rest.length === 0 ? ctx : `${formatPath(rest)} of ${ctx}`;
}

function isServicePath(path: Segment[]): boolean {
  return path.length === 2 && path[0] === "services";
}

function typePhrase(types: string[], node: SchemaObject | undefined): string {
  const nonNull = types.length > 1 ? types.filter((t) => t !== "null") : types;
  const phrases = nonNull.map((t) => {
    switch (t) {
      case "string":
        return "a string";
      case "number":
        return "a number";
      case "integer":
        return "an integer";
      case "boolean":
        return "a boolean";
      case "null":
        return "empty";
      case "object":
        return "a map";
      case "array": {
        const items = node?.items;
        if (items && typeof items === "object" && !Array.isArray(items)) {
          const itemType = (items as SchemaObject).type;
          if (itemType === "string") return "a list of strings";
        }
        return "a list";
      }
      default:
        return t;
    }
  });
  return joinOr(phrases);
}

function joinOr(phrases: string[]): string {
  const unique = [...new Set(phrases)];
  if (unique.length <= 1) return unique[0] ?? "valid";
  return `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1]}`;
}

function describeAt(path: Segment[], data: unknown, root: SchemaObject): string {
  const node = firstNodeAt(path, data, root);
  return node ? describeNode(node, root, 0) : "valid";
}

function describeNode(node: SchemaObject, root: SchemaObject, depth: number): string {
  if (typeof node.title === "string") return node.title;
  if (depth > 8) return "valid";
  if (typeof node.$ref === "string") {
    const target = resolveRef(root, node.$ref);
    return target ? describeNode(target, root, depth + 1) : "valid";
  }
  if (Array.isArray(node.enum)) return `one of ${node.enum.map(String).join(", ")}`;
  if (node.const !== undefined) return JSON.stringify(node.const);
  const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (branches) {
    const phrases = branches
      .filter((b): b is SchemaObject => isObject(b) && b.$ref !== "#/definitions/interpolated")
      .map((b) => describeNode(b, root, depth + 1));
    return joinOr(phrases);
  }
  if (typeof node.type === "string") return typePhrase([node.type], node);
  if (Array.isArray(node.type)) return typePhrase(node.type.map(String), node);
  return "valid";
}

// ---------------------------------------------------------------------------------------------
// Schema navigation along the data path

function isObject(v: unknown): v is SchemaObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function resolveRef(root: SchemaObject, ref: string): SchemaObject | undefined {
  if (!ref.startsWith("#")) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(1).split("/").filter((s) => s !== "")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(cur)) return undefined;
    cur = cur[seg];
  }
  return isObject(cur) ? cur : undefined;
}

function definitionNode(root: SchemaObject, name: string): SchemaObject | undefined {
  return resolveRef(root, `#/definitions/${name}`);
}

function deref(node: SchemaObject, root: SchemaObject): SchemaObject {
  let cur = node;
  for (let i = 0; i < 20 && typeof cur.$ref === "string"; i++) {
    const next = resolveRef(root, cur.$ref);
    if (!next) break;
    cur = next;
  }
  return cur;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeFits(node: SchemaObject, value: unknown, root: SchemaObject): boolean {
  const n = deref(node, root);
  const t = n.type;
  if (t === undefined) {
    const branches = Array.isArray(n.anyOf) ? n.anyOf : Array.isArray(n.oneOf) ? n.oneOf : undefined;
    return branches ? branches.some((b) => isObject(b) && typeFits(b, value, root)) : true;
  }
  const types = Array.isArray(t) ? t.map(String) : [String(t)];
  const actual = jsonType(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

/** The node plus every anyOf/oneOf/allOf branch (recursively) that fits `value`'s type. */
function expand(node: SchemaObject, value: unknown, root: SchemaObject, depth = 0): SchemaObject[] {
  const n = deref(node, root);
  const out = [n];
  if (depth > 10) return out;
  for (const kw of ["anyOf", "oneOf", "allOf"]) {
    const branches = n[kw];
    if (!Array.isArray(branches)) continue;
    for (const b of branches) {
      if (isObject(b) && typeFits(b, value, root)) out.push(...expand(b, value, root, depth + 1));
    }
  }
  return out;
}

function children(node: SchemaObject, seg: Segment): SchemaObject[] {
  if (typeof seg === "number") {
    return isObject(node.items) ? [node.items] : [];
  }
  const props = node.properties;
  if (isObject(props) && isObject(props[seg])) return [props[seg] as SchemaObject];
  const found: SchemaObject[] = [];
  const patterns = node.patternProperties;
  if (isObject(patterns)) {
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (isObject(sub) && safeTest(pattern, seg)) found.push(sub);
    }
  }
  if (found.length === 0 && isObject(node.additionalProperties)) found.push(node.additionalProperties);
  return found;
}

function safeTest(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern, "u").test(s);
  } catch {
    return false;
  }
}

function valueAt(data: unknown, path: Segment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === "number") cur = cur[seg];
    else if (isObject(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** Raw (un-dereferenced) schema nodes that apply to the value at `path`. */
function nodesAt(path: Segment[], data: unknown, root: SchemaObject): SchemaObject[] {
  let current: SchemaObject[] = [root];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as Segment;
    const parentValue = valueAt(data, path.slice(0, i));
    const next: SchemaObject[] = [];
    for (const node of current) {
      for (const n of expand(node, parentValue, root)) next.push(...children(n, seg));
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

function firstNodeAt(path: Segment[], data: unknown, root: SchemaObject): SchemaObject | undefined {
  return nodesAt(path, data, root)[0];
}

function keysOf(node: SchemaObject | undefined, root: SchemaObject): string[] {
  if (!node) return [];
  const keys = new Set<string>();
  for (const n of expand(node, {}, root)) {
    if (isObject(n.properties)) for (const k of Object.keys(n.properties)) keys.add(k);
  }
  return [...keys];
}

/** Keys allowed on the object at `path` (from every schema node that applies to it). */
function allowedKeys(path: Segment[], data: unknown, root: SchemaObject): string[] {
  const value = valueAt(data, path);
  const keys = new Set<string>();
  for (const node of nodesAt(path, data, root)) {
    for (const n of expand(node, value, root)) {
      if (isObject(n.properties)) for (const k of Object.keys(n.properties)) keys.add(k);
    }
  }
  return [...keys];
}

function pointerToPath(pointer: string, data: unknown): Segment[] {
  if (pointer === "") return [];
  const out: Segment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      const index = Number(seg);
      out.push(index);
      cur = cur[index];
    } else {
      out.push(seg);
      cur = isObject(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// "Did you mean" suggestions

function closest(key: string, candidates: string[]): string | undefined {
  const lower = key.toLowerCase().replace(/-/g, "_");
  const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = lower === candidate.toLowerCase() ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
