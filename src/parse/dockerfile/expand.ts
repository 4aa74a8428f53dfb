import type { Expanded, Scope } from "../../model/dockerfile.js";

/** What expansion reads of a scope: whether a name is declared, and its value (null: declared without one). */
export type Lookup = Pick<Scope, "has" | "get">;
import { closingBrace } from "../text.js";

/**
 * Docker's word processing for instructions that expand variables (FROM, USER, EXPOSE, ENV,
 * ARG, LABEL, WORKDIR…): quote removal, the Dockerfile's escape character, and `$VAR`,
 * `${VAR}`, `${VAR:-x}`, `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`. A variable that is not in scope
 * (it may come from the base image or `--build-arg`) or whose value is unknown makes the
 * result `unresolved`; modifiers Docker doesn't know keep it unresolved instead of failing.
 */
/** Past this length an expanded value is unknown (a variable bomb, not a real value). */
const MAX_VALUE_LENGTH = 1 << 20;

export function expandWord(text: string, scope: Lookup, escape = "\\", depth = 0): Expanded {
  // `${A:-${B:-${C:-…}}}` nested thousands deep: past this depth the word stays as written,
  // unresolved, instead of recursing until the stack overflows.
  if (depth > MAX_NESTING) return { value: text, unresolved: true };
  if (!text.includes("$") && !text.includes("'") && !text.includes('"') && !text.includes(escape)) {
    return { value: text, unresolved: false };
  }
  let unresolved = false;
  let out = "";
  let i = 0;
  const n = text.length;
  let inDouble = false;
  while (i < n) {
    const c = text[i]!;
    if (c === escape && i + 1 < n) {
      // Inside double quotes only `"`, `$` and the escape character itself can be escaped;
      // before anything else the escape character stays (BuildKit's processDoubleQuote).
      const next = text[i + 1]!;
      if (inDouble && next !== '"' && next !== "$" && next !== escape) out += c;
      out += next;
      i += 2;
      continue;
    }
    if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      out += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c === "$") {
      const r = expandAt(text, i, scope, escape, depth);
      if (r) {
        out += r.value;
        unresolved ||= r.unresolved;
        i = r.end;
        // `ENV B=$A$A`, `C=$B$B`…: values that double at each step would pass any string length.
        if (out.length > MAX_VALUE_LENGTH) return { value: out.slice(0, MAX_VALUE_LENGTH), unresolved: true };
        continue;
      }
    }
    out += c;
    i++;
  }
  return { value: out, unresolved };
}

function expandAt(text: string, i: number, scope: Lookup, escape: string, depth: number): (Expanded & { end: number }) | null {
  const next = text[i + 1];
  if (next === "{") {
    const close = closingBrace(text, i + 1);
    if (close < 0) return { value: text.slice(i), unresolved: true, end: text.length };
    const inner = text.slice(i + 2, close);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(inner);
    if (!m) return { value: text.slice(i, close + 1), unresolved: true, end: close + 1 };
    const [, name, op, word = ""] = m;
    const has = scope.has(name!);
    const val = scope.get(name!);
    const known = has && val !== null && val !== undefined;
    const end = close + 1;
    if (!op) return known ? { value: val!, unresolved: false, end } : { value: "", unresolved: true, end };
    const alt = () => expandWord(word, scope, escape, depth + 1);
    switch (op) {
      case ":-":
        if (known && val !== "") return { value: val!, unresolved: false, end };
        if (!has) return { ...alt(), unresolved: true, end };
        return { ...alt(), end }; // declared but empty, or `ARG X` without a value whose default is this word
      case "-":
        if (known) return { value: val!, unresolved: false, end };
        return { ...alt(), unresolved: true, end };
      case ":+":
        if (known) return val !== "" ? { ...alt(), end } : { value: "", unresolved: false, end };
        return { value: "", unresolved: true, end };
      case "+":
        if (known) return { ...alt(), end };
        return { value: "", unresolved: true, end };
      default:
        // `${X:?msg}` fails the build when X is unset; the value, when there is one, is X.
        return known ? { value: val!, unresolved: false, end } : { value: "", unresolved: true, end };
    }
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 65));
  if (!m) return null;
  const name = m[0];
  const val = scope.get(name);
  const end = i + 1 + name.length;
  return val !== null && val !== undefined ? { value: val, unresolved: false, end } : { value: "", unresolved: true, end };
}

const MAX_NESTING = 64;
