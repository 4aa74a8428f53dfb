/**
 * Policy regexes run on every file in CI, so a regex that can backtrack catastrophically is
 * refused when the policy is loaded. The check is conservative (it may refuse a regex that is
 * in fact fine, never the other way round, as far as its model goes):
 *
 * - exponential backtracking: a repeated group whose body has a quantifier (`(a+)+`, `(a*)*`,
 *   `(x?x?)*`, `(?:x+y*)+`) or an alternation (`(a|a)*`, `(a|ab)+`) is refused;
 * - polynomial backtracking: quantifiers in sequence that can match the same text (`a.*b.*c`,
 *   `\s*\s*$`, `.*.*=`, thirty `a?` before thirty `a`) make a failing match cost n² or n³ steps
 *   per start position. The cost of the worst chain of such quantifiers, times n for an
 *   unanchored regex (it is tried at every start position), must stay within n² on an input of
 *   MAX_MATCH_INPUT characters — `\s+$` and `^\d+\.?\d+$` are fine, `\s*\s*$` is not;
 * - backreferences and lookarounds are refused outright.
 *
 * Inputs tested are also capped in length (MAX_MATCH_INPUT).
 */
export function unsafeRegexReason(source: string): string | null {
  if (/\\[1-9]/.test(source) || /\\k</.test(source)) return "backreferences are not allowed";
  if (/\(\?<?[=!]/.test(source)) return "lookaround assertions are not allowed";
  try {
    new RegExp(source, "u");
  } catch {
    return null; // not a regex at all: the caller reports why
  }
  let ast: Alt;
  try {
    ast = new Parser(source).parse();
  } catch {
    return "too complex to check for catastrophic backtracking";
  }
  return exponentialReason(ast, source) ?? polynomialReason(ast, source);
}

/** Strings longer than this are not matched by policy regexes (a second guard). */
export const MAX_MATCH_INPUT = 20_000;

// ---------------------------------------------------------------------------------------------
// A parser for the `u`-mode regexes that `new RegExp` accepted (so the syntax is strict).

type Atom =
  | { t: "char"; src: string } // matches exactly one character: a literal, `.`, an escape, a class
  | { t: "assert"; src: string } // `^`, `$`, `\b`, `\B`
  | { t: "group"; alt: Alt };
interface Term {
  atom: Atom;
  min: number;
  max: number;
  /** Offsets of the term in the source, for messages. */
  start: number;
  end: number;
}
type Seq = Term[];
type Alt = Seq[];

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  parse(): Alt {
    const alt = this.alt();
    if (this.i < this.s.length) throw new Error("unexpected )");
    return alt;
  }

  private alt(): Alt {
    if (++this.depth > 100) throw new Error("too deep");
    const out: Alt = [this.seq()];
    while (this.s[this.i] === "|") {
      this.i++;
      out.push(this.seq());
    }
    this.depth--;
    return out;
  }

  private seq(): Seq {
    const out: Seq = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      const start = this.i;
      const atom = this.atom();
      const [min, max] = this.quantifier(atom);
      out.push({ atom, min, max, start, end: this.i });
    }
    return out;
  }

  private atom(): Atom {
    const s = this.s;
    const c = s[this.i]!;
    if (c === "(") {
      this.i++;
      if (s[this.i] === "?") {
        if (s[this.i + 1] === ":") this.i += 2;
        else if (s[this.i + 1] === "<") this.i = s.indexOf(">", this.i) + 1; // named group
        else throw new Error("unsupported group");
      }
      const alt = this.alt();
      this.i++; // `)`
      return { t: "group", alt };
    }
    if (c === "^" || c === "$") {
      this.i++;
      return { t: "assert", src: c };
    }
    if (c === "[") {
      const start = this.i++;
      if (s[this.i] === "^") this.i++;
      while (this.i < s.length && s[this.i] !== "]") this.i += s[this.i] === "\\" ? escapeLength(s, this.i) : 1;
      this.i++;
      return { t: "char", src: s.slice(start, this.i) };
    }
    if (c === "\\") {
      const len = escapeLength(s, this.i);
      const src = s.slice(this.i, this.i + len);
      this.i += len;
      return src === "\\b" || src === "\\B" ? { t: "assert", src } : { t: "char", src };
    }
    // One code point (a surrogate pair is one character in `u` mode).
    const cp = s.codePointAt(this.i)!;
    const len = cp > 0xffff ? 2 : 1;
    const src = s.slice(this.i, this.i + len);
    this.i += len;
    return { t: "char", src };
  }

  private quantifier(atom: Atom): [number, number] {
    const s = this.s;
    let min = 1;
    let max = 1;
    const c = s[this.i];
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return [1, 1];
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return [1, 1];
    this.i++;
    if (s[this.i] === "?") this.i++; // lazy: backtracks just as much when the match fails
    // A quantified assertion matches nothing more than the assertion.
    return atom.t === "assert" ? [Math.min(min, 1), Math.min(max, 1)] : [min, max];
  }
}

/** Length of the escape sequence at s[i] (`\d`, `\u{1F600}`, `\p{L}`, `\x41`, `\cJ`, …). */
function escapeLength(s: string, i: number): number {
  const c = s[i + 1];
  if ((c === "p" || c === "P") && s[i + 2] === "{") return s.indexOf("}", i) - i + 1;
  if (c === "u" && s[i + 2] === "{") return s.indexOf("}", i) - i + 1;
  if (c === "u") return /^\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(s.slice(i, i + 12)) ? 12 : 6; // a surrogate pair is one character
  if (c === "x") return 4;
  if (c === "c") return 3;
  const cp = s.codePointAt(i + 1) ?? 0;
  return cp > 0xffff ? 3 : 2;
}

// ---------------------------------------------------------------------------------------------
// Exponential backtracking: quantifiers or alternatives inside a repeated group.

function exponentialReason(alt: Alt, source: string): string | null {
  for (const seq of alt) {
    for (const term of seq) {
      if (term.atom.t !== "group") continue;
      const inner = exponentialReason(term.atom.alt, source);
      if (inner) return inner;
      if (term.max <= 1) continue;
      const at = source.slice(0, term.end);
      if (hasQuantifier(term.atom.alt)) return `nested quantifier at "${at}" can backtrack exponentially`;
      if (hasAlternation(term.atom.alt)) return `quantified alternation at "${at}" can backtrack exponentially`;
    }
  }
  return null;
}

function hasQuantifier(alt: Alt): boolean {
  return alt.some((seq) => seq.some((t) => (t.atom.t !== "assert" && (t.min !== 1 || t.max !== 1)) || (t.atom.t === "group" && hasQuantifier(t.atom.alt))));
}

function hasAlternation(alt: Alt): boolean {
  return alt.length > 1 || alt.some((seq) => seq.some((t) => t.atom.t === "group" && hasAlternation(t.atom.alt)));
}

// ---------------------------------------------------------------------------------------------
// Polynomial backtracking: quantifiers in sequence that can match the same text.

/** Characters that stand for every class a regex can name (ASCII, Latin-1, other scripts, emoji, line breaks). */
const PROBES: string[] = [
  ...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)),
  "\u0085", "\u00a0", "\u00e9", "\u00df", "\u0391", "\u03b1", "\u0416", "\u05d0", "\u0627", "\u0660", "\u0967",
  "\u1680", "\u2000", "\u2028", "\u2029", "\u202f", "\u3000", "\u4e2d", "\uff21", "\ufeff", "\u{1d400}", "\u{1f600}",
];

/** One step of a path through the regex: a set of characters (as a probe bitmap) with bounds, or an assertion. */
interface Item {
  set: boolean[] | null; // null: an assertion
  min: number;
  max: number;
  src: string;
}

const MAX_PATHS = 256;
/** Chains cheaper than n² · this are accepted (a few optional characters next to one repetition). */
const SLACK = 2;

function polynomialReason(alt: Alt, source: string): string | null {
  const sets = new Map<string, boolean[]>();
  const setOf = (src: string) => {
    let set = sets.get(src);
    if (!set) {
      const re = new RegExp(`^(?:${src})$`, "u");
      set = PROBES.map((p) => re.test(p));
      sets.set(src, set);
    }
    return set;
  };
  let paths: Item[][];
  try {
    paths = expand(alt, source, setOf);
  } catch {
    return "too complex to check for catastrophic backtracking (too many alternatives combined)";
  }

  const logN = Math.log(MAX_MATCH_INPUT);
  const limit = 2 * logN + Math.log(SLACK);
  for (const path of paths) {
    const anchored = path[0]?.set === null && path[0].src === "^";
    const chain = worstChain(path);
    const cost = chain.cost + (anchored ? 0 : logN);
    if (cost > limit + 1e-9) {
      const names = chain.members.map((m) => `"${m.src}"`);
      const what = names.length > 1 ? `the quantifiers ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} can match the same text` : `the quantifier ${names[0] ?? ""} can match too much`;
      return `${what}, so a failing match backtracks polynomially on long input${anchored ? "" : " (anchor it with ^ to try one start position only)"}`;
    }
  }
  return null;
}

/** Every path through the regex, with non-repeated groups and optional groups unfolded. */
function expand(alt: Alt, source: string, setOf: (src: string) => boolean[]): Item[][] {
  const out: Item[][] = [];
  for (const seq of alt) {
    let paths: Item[][] = [[]];
    for (const term of seq) {
      const a = term.atom;
      let choices: Item[][];
      if (a.t === "assert") choices = [[{ set: null, min: term.min, max: term.max, src: a.src }]];
      else if (a.t === "char") choices = [[{ set: setOf(a.src), min: term.min, max: term.max, src: source.slice(term.start, term.end) }]];
      else if (term.max <= 1) {
        choices = expand(a.alt, source, setOf);
        if (term.min === 0) choices.push([]);
      } else {
        // A repeated group (its body is fixed text, or the exponential check refused it): one
        // step that matches the union of the body's characters.
        const union = PROBES.map(() => false);
        for (const src of charSources(a.alt)) setOf(src).forEach((b, k) => (union[k] ||= b));
        choices = [[{ set: union, min: term.min, max: term.max, src: source.slice(term.start, term.end) }]];
      }
      const next: Item[][] = [];
      for (const p of paths) for (const c of choices) next.push([...p, ...c]);
      if (next.length > MAX_PATHS) throw new Error("too many paths");
      paths = next;
    }
    out.push(...paths);
    if (out.length > MAX_PATHS) throw new Error("too many paths");
  }
  return out;
}

function charSources(alt: Alt): string[] {
  return alt.flatMap((seq) => seq.flatMap((t) => (t.atom.t === "char" ? [t.atom.src] : t.atom.t === "group" ? charSources(t.atom.alt) : [])));
}

/**
 * The costliest chain of quantified steps along a path that a failing match can try in every
 * combination: steps that share a character, with every mandatory step between them able to
 * match a character that both can (so one repeated text can be split between them in many
 * ways). An unbounded step costs a factor n, `{m,k}` a factor k-m+1. A step after which
 * nothing can fail never backtracks, so it does not count.
 */
function worstChain(path: Item[]): { cost: number; members: Item[] } {
  const logN = Math.log(MAX_MATCH_INPUT);
  const weight = (it: Item) => (it.set === null || it.max === it.min ? 0 : it.max === Infinity || it.max - it.min > 64 ? logN : Math.log(it.max - it.min + 1));
  const canFailAfter: boolean[] = [];
  let fail = false;
  for (let k = path.length - 1; k >= 0; k--) {
    canFailAfter[k] = fail;
    const it = path[k]!;
    if (it.min > 0) fail = true; // a character to match, or an assertion (`$`, `\b`)
  }
  const members = path.map((it, k) => ({ it, k })).filter(({ it, k }) => weight(it) > 0 && canFailAfter[k]);
  const memo = new Map<number, boolean>();
  const linked = (a: number, b: number): boolean => {
    const key = a * 4096 + b;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = linkedUncached(a, b)));
    return v;
  };
  const linkedUncached = (a: number, b: number): boolean => {
    const sa = members[a]!.it.set!;
    const sb = members[b]!.it.set!;
    const both = sa.map((x, p) => x && sb[p]!);
    if (!both.some(Boolean)) return false;
    for (let k = members[a]!.k + 1; k < members[b]!.k; k++) {
      const it = path[k]!;
      if (it.set === null || it.min === 0) continue;
      if (!it.set.some((x, p) => x && both[p])) return false;
    }
    return true;
  };
  let best = { cost: 0, members: [] as Item[] };
  // For each character, chains of members that all contain it.
  for (let p = 0; p < PROBES.length; p++) {
    const idx = members.map((_, j) => j).filter((j) => members[j]!.it.set![p]);
    const dp: { cost: number; chain: number[] }[] = [];
    for (let x = 0; x < idx.length; x++) {
      let prev: { cost: number; chain: number[] } = { cost: 0, chain: [] };
      for (let y = 0; y < x; y++) if (dp[y]!.cost > prev.cost && linked(idx[y]!, idx[x]!)) prev = dp[y]!;
      dp[x] = { cost: prev.cost + weight(members[idx[x]!]!.it), chain: [...prev.chain, idx[x]!] };
      if (dp[x]!.cost > best.cost) best = { cost: dp[x]!.cost, members: dp[x]!.chain.map((j) => members[j]!.it) };
    }
  }
  return best;
}
