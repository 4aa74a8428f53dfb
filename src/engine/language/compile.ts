/**
 * The rule language: a `match:` block in a rule file, checked when it is loaded and compiled
 * into a predicate. See docs/rule-language.md.
 *
 *   match:
 *     select: service                 # what to look at (see SELECTABLES)
 *     where:                          # a condition; keys are field paths, values are tests
 *       privileged: { equals: true }
 *     report: privileged              # optional: where to point (default: what matched)
 *     message: "Service {{service}} runs privileged."
 *
 * Conditions: `all: [..]`, `any: [..]`, `not: {..}`, or `{ <path>: <test>, … }` (all must hold).
 * Tests: equals, in, matches, exists, contains, gt, lt, gte, lte, startsWith, endsWith, not,
 * and quantifiers over lists — any / all / none — whose body is a test on each element or a
 * condition on the element's fields.
 */
import serviceKeyTree from "virtual:compose-service-tree";
import { composeBoolean } from "../../parse/compose/boolean.js";
import type { Range } from "../../model/range.js";
import { nearest } from "../../util/suggest.js";
import { MAX_MATCH_INPUT, unsafeRegexReason } from "./safe-regex.js";
import type { FieldSpec, Hit, Item, Scope, SelectableSpec, VNode } from "./types.js";
import { SELECTABLES, vAt } from "./views.js";

export interface CompiledMatch {
  select: string;
  kind: SelectableSpec["kind"];
  test(item: Item): Hit | null;
  report: string[] | null;
  message: string;
}

export type At = readonly (string | number)[];

/** A problem in a rule's `match:`, with the path inside the rule file (`match.where.all[1].prvileged`). */
export class MatchError extends Error {
  constructor(
    readonly at: At,
    readonly reason: string,
  ) {
    super(`${formatAt(at)}: ${reason}`);
  }
}

/** `["match", "where", "all", 1, "prvileged"]` → `match.where.all[1].prvileged`. */
export function formatAt(at: At): string {
  let out = "";
  for (const seg of at) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out;
}

type Cond = (scope: Scope) => Hit | null;

/** Set for the duration of one compileMatch call. */
let regexesTrusted = false;
type Test = (node: VNode | undefined, scope: Scope, path: readonly string[]) => Hit | null;

const TEST_OPS = new Set(["equals", "in", "matches", "exists", "contains", "gt", "lt", "gte", "lte", "startsWith", "endsWith", "not", "any", "all", "none"]);
const COND_OPS = new Set(["all", "any", "not"]);

/** `trusted`: a built-in rule, whose regexes were reviewed — the backtracking check is for policies. */
export function compileMatch(spec: unknown, rawKeys: readonly string[] = [], trusted = false): CompiledMatch {
  if (!isObject(spec)) throw new MatchError(["match"], "must be a map with select, where and message");
  for (const k of Object.keys(spec)) {
    if (!["select", "where", "report", "message"].includes(k)) throw new MatchError(["match", k], `unknown key${suggest(k, ["select", "where", "report", "message"])}`);
  }
  const select = spec.select;
  if (typeof select !== "string" || !Object.hasOwn(SELECTABLES, select)) {
    throw new MatchError(["match", "select"], `must be one of ${Object.keys(SELECTABLES).join(", ")}${typeof select === "string" ? suggest(select, Object.keys(SELECTABLES)) : ""}`);
  }
  const selectable = SELECTABLES[select]!;
  const fields = selectable.fields;
  const raw = select === "service" ? rawKeys : [];
  if (typeof spec.message !== "string" || spec.message.trim() === "") throw new MatchError(["match", "message"], "a message is required");
  regexesTrusted = trusted;
  const where = compileCond(spec.where, ["match", "where"], fields, raw);
  let report: string[] | null = null;
  if (spec.report !== undefined) {
    if (typeof spec.report !== "string") throw new MatchError(["match", "report"], "must be a field path");
    report = parsePath(spec.report);
    checkPath(report, fields, raw, ["match", "report"]);
  }
  checkPlaceholders(spec.message, select);
  return { select, kind: selectable.kind, test: where, report, message: spec.message };
}

function compileCond(spec: unknown, at: At, fields: Record<string, FieldSpec> | null, raw: readonly string[]): Cond {
  if (!isObject(spec)) throw new MatchError(at, "a condition must be a map: { all: [...] }, { any: [...] }, { not: ... } or { <field>: <test> }");
  const keys = Object.keys(spec);
  if (keys.length === 0) throw new MatchError(at, "an empty condition matches everything; say what to test");
  const parts: Cond[] = [];
  for (const key of keys) {
    const value = spec[key];
    if (key === "all" || key === "any") {
      if (!Array.isArray(value) || value.length === 0) throw new MatchError([...at, key], "must be a non-empty list of conditions");
      const subs = value.map((v, i) => compileCond(v, [...at, key, i], fields, raw));
      parts.push(key === "all" ? allOf(subs) : anyOf(subs));
    } else if (key === "not") {
      const sub = compileCond(value, [...at, "not"], fields, raw);
      parts.push((s) => {
        const { result, unknown } = tracking(() => sub(s.merged?.() ?? s));
        return result || unknown ? null : {};
      });
    } else {
      const path = parsePath(key);
      checkPath(path, fields, raw, [...at, key]);
      const spec = fieldSpecAt(path, fields);
      if (spec?.type === "list") checkListTest(value, [...at, key], key);
      const test = compileTest(value, [...at, key], spec?.fields ?? (spec?.open ? null : spec ? {} : null));
      parts.push((s) => test(s.get(path), s, path));
    }
  }
  return parts.length === 1 ? parts[0]! : allOf(parts);
}

function allOf(subs: Cond[]): Cond {
  return (s) => {
    let hit: Hit | null = null;
    for (const c of subs) {
      const h = c(s);
      if (!h) return null;
      hit = better(hit, h);
    }
    return hit ?? {};
  };
}

/**
 * Where to report when several parts held: a list element that matched; else, when every part
 * points somewhere, the first; else nowhere (the item itself: "service web lacks X" points at web).
 */
function better(a: Hit | null, b: Hit): Hit {
  if (a === null) return b;
  if (b.witness && !a.witness) return b;
  if (a.witness) return a;
  if (!a.range || !b.range) return a.node ? { node: a.node } : {};
  return a;
}

function anyOf(subs: Cond[]): Cond {
  return (s) => {
    for (const c of subs) {
      const h = c(s);
      if (h) return h;
    }
    return null;
  };
}

/** `elementFields`: the fields of list elements / map values below this path, when known. */
function compileTest(spec: unknown, at: At, elementFields: Record<string, FieldSpec> | null): Test {
  if (!isObject(spec)) {
    // Shorthand: `privileged: true` means `privileged: { equals: true }`.
    return compileTest({ equals: spec }, at, elementFields);
  }
  const keys = Object.keys(spec);
  if (keys.length === 0) throw new MatchError(at, "an empty test; use e.g. { exists: true }");
  const parts: Test[] = [];
  for (const op of keys) {
    const arg = spec[op];
    const where = [...at, op];
    if (!TEST_OPS.has(op)) throw new MatchError(where, `unknown operator${suggest(op, [...TEST_OPS])}`);
    parts.push(compileOp(op, arg, where, elementFields));
  }
  return (node, scope, path) => {
    let hit: Hit | null = null;
    for (const t of parts) {
      const h = t(node, scope, path);
      if (!h) return null;
      hit = better(hit, h);
    }
    return hit ?? {};
  };
}

/** Longest regex a policy may use. */
const MAX_POLICY_REGEX = 2000;

/**
 * Set when a test meets a value it can't know (a variable with no value): such a test doesn't
 * hold, and neither does a `not` (or `none`) around it — the rule stays silent, as the
 * built-in rules do (docs/decisions.md), rather than report `read_only: ${RO}` as not read-only.
 */
let sawUnknown = false;

/** Runs `f` and says whether it met an unknown value (which also stays noted for the caller's caller). */
function tracking<T>(f: () => T): { result: T; unknown: boolean } {
  const before = sawUnknown;
  sawUnknown = false;
  const result = f();
  const unknown = sawUnknown;
  sawUnknown = before || unknown;
  return { result, unknown };
}

/** A value a test can read; an unresolved one is noted (see sawUnknown). */
function known(node: VNode | undefined): node is VNode {
  if (node?.unresolved) {
    sawUnknown = true;
    return false;
  }
  return node !== undefined;
}

function compileOp(op: string, arg: unknown, at: At, elementFields: Record<string, FieldSpec> | null): Test {
  const here = (node: VNode | undefined): Hit => (node ? (node.range ? { range: node.range, node } : { node }) : {});
  switch (op) {
    case "exists": {
      if (typeof arg !== "boolean") throw new MatchError(at, "must be true or false");
      return (node, scope, path) => {
        const exists = node !== undefined && node.value !== null;
        if (arg) return exists ? here(node) : null;
        if (exists || scope.setElsewhere?.(path)) return null;
        return {};
      };
    }
    case "equals":
      return (node) => (known(node) && looseEquals(node.value, arg) ? here(node) : null);
    case "in": {
      if (!Array.isArray(arg)) throw new MatchError(at, "must be a list of values");
      return (node) => (known(node) && arg.some((a) => looseEquals(node.value, a)) ? here(node) : null);
    }
    case "contains":
      return (node) => {
        if (!known(node)) return null;
        if (Array.isArray(node.value)) {
          const el = node.value.find((e) => known(e) && looseEquals(e.value, arg));
          return el ? here(el) : null;
        }
        return typeof node.value === "string" && typeof arg === "string" && node.value.includes(arg) ? here(node) : null;
      };
    case "startsWith":
    case "endsWith": {
      if (typeof arg !== "string") throw new MatchError(at, "must be a string");
      return (node) => {
        const v = known(node) ? scalarText(node) : null;
        return v !== null && (op === "startsWith" ? v.startsWith(arg) : v.endsWith(arg)) ? here(node) : null;
      };
    }
    case "matches": {
      if (typeof arg !== "string") throw new MatchError(at, "must be a regular expression (a string)");
      // The backtracking check is linear in practice but not for any length; V8 refuses huge ones at match time.
      if (!regexesTrusted && arg.length > MAX_POLICY_REGEX) throw new MatchError(at, `regex refused: longer than ${MAX_POLICY_REGEX} characters`);
      const unsafe = regexesTrusted ? null : unsafeRegexReason(arg);
      if (unsafe) throw new MatchError(at, `regex refused: ${unsafe}`);
      let re: RegExp;
      try {
        re = new RegExp(arg, "u");
      } catch (e) {
        throw new MatchError(at, `invalid regex: ${(e as Error).message}`);
      }
      return (node) => {
        const v = known(node) ? scalarText(node) : null;
        return v !== null && v.length <= MAX_MATCH_INPUT && re.test(v) ? here(node) : null;
      };
    }
    case "gt":
    case "lt":
    case "gte":
    case "lte": {
      if (typeof arg !== "number") throw new MatchError(at, "must be a number");
      return (node) => {
        if (!known(node)) return null;
        const v = typeof node.value === "number" ? node.value : typeof node.value === "string" && node.value.trim() !== "" ? Number(node.value) : NaN;
        if (Number.isNaN(v)) return null;
        const ok = op === "gt" ? v > arg : op === "lt" ? v < arg : op === "gte" ? v >= arg : v <= arg;
        return ok ? here(node) : null;
      };
    }
    case "not": {
      const inner = compileTest(arg, at, elementFields);
      return (node, scope, path) => {
        // An override's partial service lacks the rest of the service (its tenant, its image):
        // the base decides, with the override merged in.
        if ((scope as Item).layer) return null;
        const merged = scope.merged?.();
        const { result, unknown } = tracking(() => inner(merged ? merged.get(path) : node, merged ?? scope, path));
        if (result || unknown) return null;
        // The value that runs is the override's: not at the base's value (not what runs), but at
        // the service, as a condition's `not` reports.
        return merged && path.length > 0 && merged.fromOverride(path) ? {} : here(node);
      };
    }
    case "any":
    case "all":
    case "none": {
      const body = compileElementBody(arg, at, elementFields);
      return (node) => {
        const list = node === undefined ? [] : Array.isArray(node.value) ? node.value : node.value instanceof Map ? [...node.value.values()] : [node];
        if (op === "any") {
          // Every matching element is a witness: point at it and name it (its `text` when it has one).
          const witnesses: Hit[] = [];
          for (const el of list) {
            const h = body(el);
            if (h) witnesses.push({ range: h.range ?? el.range, node: el, witness: true });
          }
          if (witnesses.length === 0) return null;
          const [first, ...more] = witnesses;
          return more.length ? { ...first!, more } : first!;
        }
        if (op === "all") return list.every((el) => body(el) !== null) ? here(node) : null;
        // none: an element that can't be known might be one.
        const { result, unknown } = tracking(() => list.some((el) => body(el) !== null));
        return result || unknown ? null : here(node);
      };
    }
  }
  throw new MatchError(at, "unknown operator");
}

/** A quantifier's body: a test on the element itself, or a condition on the element's fields. */
function compileElementBody(arg: unknown, at: At, elementFields: Record<string, FieldSpec> | null): (el: VNode) => Hit | null {
  if (isTestSpec(arg)) {
    const t = compileTest(arg, at, null);
    return (el) => t(el, elementScope(el), []);
  }
  const c = compileCond(arg, at, elementFields, []);
  return (el) => c(elementScope(el));
}

/** A test (operators only) rather than a condition (field paths, or all/any lists). */
function isTestSpec(x: unknown): boolean {
  if (!isObject(x)) return true;
  return Object.keys(x).every((k) => {
    if (!TEST_OPS.has(k)) return false;
    if (k === "not") return isTestSpec(x[k]);
    return !(COND_OPS.has(k) && Array.isArray(x[k]));
  });
}

function elementScope(el: VNode): Scope {
  return { get: (path) => (path.length === 0 ? el : vAt(el, path)) };
}

// ---------- paths ----------

/** `a.b.c`, with `[key.with.dots]` for keys that contain dots: `labelMap[isolint.tenant]`. */
export function parsePath(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "[") {
      const close = text.indexOf("]", i);
      if (cur) out.push(cur);
      out.push(text.slice(i + 1, close < 0 ? text.length : close));
      cur = "";
      i = close < 0 ? text.length : close;
      if (text[i + 1] === ".") i++;
    } else if (c === ".") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function fieldSpecAt(path: readonly string[], fields: Record<string, FieldSpec> | null): FieldSpec | null {
  let spec: FieldSpec | null = null;
  let cur = fields;
  for (const seg of path) {
    if (!cur) return spec?.open ? spec : null;
    spec = cur[seg] ?? null;
    if (!spec) return null;
    if (spec.open) return spec;
    cur = spec.fields ?? null;
  }
  return spec;
}

/** A path must name a field of the selectable (or a raw Compose key): checked at load time. */
type ServiceKeyTree = { [key: string]: ServiceKeyTree | null };

function checkPath(path: readonly string[], fields: Record<string, FieldSpec> | null, raw: readonly string[], at: At): void {
  if (fields === null || path.length === 0) return;
  const [head] = path;
  if (fields[head!]) {
    let cur: Record<string, FieldSpec> | null = fields;
    for (let i = 0; i < path.length; i++) {
      const spec: FieldSpec | undefined = cur?.[path[i]!];
      if (!spec) throw new MatchError(at, `"${path.slice(0, i + 1).join(".")}" is not a field${suggest(path[i]!, Object.keys(cur ?? {}))}`);
      if (spec.open) return;
      if (i < path.length - 1) {
        if (!spec.fields || spec.type === "list") {
          throw new MatchError(at, `"${path.slice(0, i + 1).join(".")}" is a ${spec.type}; ${spec.type === "list" ? "use any / all / none to test its elements" : "it has no fields"}`);
        }
        cur = spec.fields;
      }
    }
    return;
  }
  // A service's own extension keys (`x-team:`), which the Compose Specification allows.
  if (raw.length > 0 && head!.startsWith("x-")) return;
  if (raw.includes(head!)) {
    // Below a raw Compose key, the schema's keys (where it lists them): `deploy.resources.limits.memry` is a typo.
    let node: ServiceKeyTree | null | undefined = serviceKeyTree[head!];
    for (let i = 1; i < path.length && node; i++) {
      if (path[i]!.startsWith("x-")) return; // extension keys, allowed wherever the schema closes an object
      if (!Object.hasOwn(node, path[i]!)) throw new MatchError(at, `"${path.slice(0, i + 1).join(".")}" is not a Compose key${suggest(path[i]!, Object.keys(node))}`);
      node = node[path[i]!];
    }
    return;
  }
  throw new MatchError(at, `"${head}" is not a field${suggest(head!, [...Object.keys(fields), ...raw])}`);
}

/** A list is tested as a whole (exists, contains) or element by element (any, all, none): `capAdd: SYS_ADMIN` would never match. */
function checkListTest(spec: unknown, at: At, name: string): void {
  const scalarOps = ["equals", "in", "matches", "startsWith", "endsWith", "gt", "gte", "lt", "lte"];
  if (!isObject(spec)) throw new MatchError(at, `"${name}" is a list: test its elements with any / all / none (e.g. { any: { equals: ${JSON.stringify(spec)} } }), or use contains`);
  for (const [op, arg] of Object.entries(spec)) {
    if (scalarOps.includes(op)) throw new MatchError([...at, op], `"${name}" is a list: ${op} tests one value; use any / all / none to test its elements, or contains`);
    if (op === "not") checkListTest(arg, [...at, op], name);
  }
}

function checkPlaceholders(message: string, select: string): void {
  const allowed = new Set(["value", "file", ...(select === "service" || select === "port" || select === "mount" || select === "setting" ? ["service", "image"] : []), ...(select === "instruction" ? ["keyword", "image"] : [])]);
  // Every {{…}}, whatever is inside: {{service_name}} would otherwise be printed as written.
  for (const m of message.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const name = m[1]!.trim();
    if (!allowed.has(name)) throw new MatchError(["match", "message"], `unknown placeholder {{${name}}}${suggest(name, [...allowed])}; available: ${[...allowed].join(", ")}`);
  }
}

// ---------- values ----------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * `true` matches true and the strings Compose reads as true ("true", "yes", "on", "y", any case;
 * `false` likewise); numbers match numeric strings; strings compare exactly.
 */
function looseEquals(v: VNode["value"], want: unknown): boolean {
  if (v === want) return true;
  if (typeof want === "boolean" && typeof v === "string") return composeBoolean(v) === want;
  if (typeof want === "number" && typeof v === "string") return v.trim() !== "" && Number(v) === want;
  if (typeof want === "string" && (typeof v === "number" || typeof v === "boolean")) return String(v) === want;
  return false;
}

function scalarText(node: VNode | undefined): string | null {
  const v = node?.value;
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null;
}

/** What {{value}} shows for a hit: a list element's `text` when it has one, else the value. */
export function hitValue(h: Hit): unknown {
  if (h.value !== undefined) return h.value;
  return h.node ? (h.node.value instanceof Map ? elementValue(h.node) : plain(h.node)) : undefined;
}

function elementValue(el: VNode): unknown {
  if (el.value instanceof Map) {
    const text = el.value.get("text");
    if (text) return text.value;
    // A long-syntax entry (devices, volumes): its source and target, as the short syntax writes them.
    const source = el.value.get("source");
    const target = el.value.get("target");
    if (source && typeof source.value === "string") return target && typeof target.value === "string" ? `${source.value}:${target.value}` : source.value;
  }
  return plain(el);
}

function plain(node: VNode | undefined): unknown {
  if (!node) return undefined;
  const v = node.value;
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  return v;
}

function suggest(name: string, candidates: readonly string[]): string {
  const near = nearest(name, candidates);
  return near.length ? ` (did you mean ${near.join(", ")}?)` : "";
}

/** Fills `{{service}}`, `{{value}}`… in a message. */
export function renderMessage(template: string, vars: Record<string, string>, valueOf: () => unknown): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => {
    if (name === "value") {
      const value = valueOf();
      return value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    }
    return vars[name] ?? "";
  });
}

export type { Range };
