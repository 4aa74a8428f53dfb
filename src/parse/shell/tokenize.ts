/**
 * A small POSIX-shell tokenizer: enough to turn a RUN / CMD / ENTRYPOINT script into commands
 * and their words, so that rules read argv lists instead of raw text. It never executes or
 * expands anything: `$…` and backticks stay in the words as written.
 *
 * Written for speed (one pass over the characters; runs of plain characters found by one
 * sticky regex); `shell-quote`
 * serves as a test oracle for the word splitting.
 */

export type ShellOperator = "&&" | "||" | ";" | "|" | "&" | "\n" | "";

export interface ShellWord {
  /** The word after quote removal (expansions are kept as written). */
  value: string;
  /** Offsets of the word in the script text: [start, end). */
  start: number;
  end: number;
}

export interface ShellCommand {
  /** The words of the simple command, redirections removed. */
  words: ShellWord[];
  /** The operator that ends this command ("" at the end of the script). */
  op: ShellOperator;
  /** Offsets of the command in the script text. */
  start: number;
  end: number;
}

const WORD_BREAK = new Set([" ", "\t", "\r", "\n", ";", "&", "|", "<", ">", "(", ")"]);
/** A run of plain word characters: no break, quote, escape or expansion (sticky: from lastIndex; may be empty). */
const PLAIN_RUN = /[^ \t\r\n;&|<>()\\'"$`]*/y;
/** ASCII codes the main loop handles itself (spaces, operators, comments, escapes); others start words. */
const BREAK = new Uint8Array(128);
for (const c of [...WORD_BREAK, "#", "\\"]) BREAK[c.charCodeAt(0)] = 1;

export function tokenizeShell(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let cmdStart = -1;
  let redirectNext = false;
  /** Just after `)`: an operator that follows applies to the group, i.e. to its last command. */
  let closedGroup = false;
  /** Heredoc terminators waiting for the next newline, with whether leading tabs are stripped. */
  const pendingHeredocs: { marker: string; stripTabs: boolean }[] = [];
  const n = script.length;
  let i = 0;

  const endCommand = (op: ShellOperator, at: number) => {
    if (words.length > 0 || (op !== "\n" && op !== "" && cmdStart >= 0)) {
      commands.push({ words, op, start: cmdStart < 0 ? at : cmdStart, end: at });
    } else if (commands.length > 0 && op !== "\n" && op !== "") {
      // `a &\n` — an operator right after a command with no new words: keep the strongest.
      // `(a; b) &` / `(make) || exit 1` — the operator after `)` replaces the `;` that `)` gave.
      const last = commands[commands.length - 1]!;
      if (last.op === "\n" || last.op === "" || closedGroup) last.op = op;
    }
    words = [];
    cmdStart = -1;
    redirectNext = false;
    closedGroup = false;
  };

  while (i < n) {
    const code = script.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13) {
      i++;
      continue;
    }
    // Characters that start a word are by far the most common: go straight to readWord.
    if (code >= 128 || BREAK[code] === 0) {
      i = takeWord(i);
      continue;
    }
    const c = script[i]!;
    if (c === "\\" && script[i + 1] === "\n") {
      i += 2; // line continuation
      continue;
    }
    if (c === "#") {
      // A comment runs to the end of the line (a `#` inside a word is handled by readWord).
      while (i < n && script[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      endCommand("\n", i);
      i++;
      if (pendingHeredocs.length > 0) i = skipHeredocBodies(script, i, pendingHeredocs.splice(0));
      continue;
    }
    if (c === ";") {
      endCommand(";", i);
      i += script[i + 1] === ";" ? 2 : 1;
      continue;
    }
    if (c === "&") {
      if (script[i + 1] === "&") {
        endCommand("&&", i);
        i += 2;
      } else if (script[i + 1] === ">") {
        // `&>file` redirects both streams
        i += script[i + 2] === ">" ? 3 : 2;
        redirectNext = true;
      } else {
        endCommand("&", i);
        i++;
      }
      continue;
    }
    if (c === "|") {
      if (script[i + 1] === "|") {
        endCommand("||", i);
        i += 2;
      } else {
        endCommand("|", i);
        i += script[i + 1] === "&" ? 2 : 1;
      }
      continue;
    }
    if (c === "(" || c === ")") {
      // Subshell or group boundaries separate commands like `;` does.
      endCommand(";", i);
      closedGroup = c === ")";
      i++;
      continue;
    }
    if (c === "<" || c === ">") {
      i = readRedirect(script, i, pendingHeredocs);
      if (i < 0) {
        // `<<EOF` consumed the marker itself
        i = -i;
      } else {
        redirectNext = true;
      }
      continue;
    }
    i = takeWord(i);
  }
  endCommand("", n);
  return commands;

  /** A word at i; returns the index after it. */
  function takeWord(at: number): number {
    const word = readWord(script, at);
    // A leading file-descriptor number belongs to a redirection: `2>&1`, `1>/dev/null`.
    const next = script.charCodeAt(word.end);
    if ((next === 62 || next === 60) && /^\d+$/.test(word.value)) return word.end;
    if (redirectNext) {
      // A redirection target. Right after `)` (`(a; b) > log && c`) it belongs to the group,
      // so it starts no command of its own and the group keeps the operator that follows.
      redirectNext = false;
      if (cmdStart < 0 && !closedGroup) cmdStart = at;
    } else {
      if (cmdStart < 0) cmdStart = at;
      words.push(word);
    }
    return word.end;
  }
}

/** Reads `>`, `>>`, `>|`, `<`, `<>`, `>&`, `<&`, `<<<`; for `<<[-]MARKER` records the heredoc and returns -(next index). */
function readRedirect(s: string, i: number, pending: { marker: string; stripTabs: boolean }[]): number {
  if (s.startsWith("<<<", i)) return i + 3;
  if (s.startsWith("<<", i)) {
    let j = i + 2;
    let stripTabs = false;
    if (s[j] === "-") {
      stripTabs = true;
      j++;
    }
    while (s[j] === " " || s[j] === "\t") j++;
    const w = readWord(s, j);
    if (w.value !== "") pending.push({ marker: w.value, stripTabs });
    return -w.end;
  }
  let j = i + 1;
  const c2 = s[j];
  if (c2 === ">" || c2 === "|" || c2 === "&" || (s[i] === "<" && c2 === ">")) j++;
  return j;
}

function skipHeredocBodies(s: string, i: number, heredocs: { marker: string; stripTabs: boolean }[]): number {
  for (const h of heredocs) {
    while (i < s.length) {
      let eol = s.indexOf("\n", i);
      if (eol < 0) eol = s.length;
      let line = s.slice(i, eol);
      if (h.stripTabs) line = line.replace(/^\t+/, "");
      i = eol + 1;
      if (line.replace(/\r$/, "") === h.marker) break;
    }
  }
  return Math.min(i, s.length);
}

/** Reads one word starting at `start`, removing quotes and keeping expansions verbatim. */
export function readWord(s: string, start: number): ShellWord {
  let i = start;
  let value = "";
  const n = s.length;
  while (i < n) {
    // Plain characters are taken as one slice, found by the regex engine (faster than a loop
    // while the JIT is cold, which is most of a short run).
    PLAIN_RUN.lastIndex = i;
    PLAIN_RUN.test(s);
    const j = PLAIN_RUN.lastIndex;
    if (j > i) {
      value += s.slice(i, j);
      i = j;
      if (i >= n) break;
    }
    const c = s[i]!;
    if (c !== "\\" && c !== "'" && c !== '"' && c !== "$" && c !== "`") break; // a word break
    if (c === "\\") {
      if (s[i + 1] === "\n") {
        i += 2;
        continue;
      }
      if (i + 1 < n) value += s[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      value += s.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && s[i] !== '"') {
        const d = s[i]!;
        if (d === "\\" && i + 1 < n && '"\\$`\n'.includes(s[i + 1]!)) {
          if (s[i + 1] !== "\n") value += s[i + 1];
          i += 2;
          continue;
        }
        if (d === "$" || d === "`") {
          const end = skipExpansion(s, i);
          value += s.slice(i, end);
          i = end;
          continue;
        }
        value += d;
        i++;
      }
      i++; // closing quote
      continue;
    }
    if (c === "$" || c === "`") {
      const end = skipExpansion(s, i);
      value += s.slice(i, end);
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  return { value, start, end: Math.min(i, n) };
}

/** Index just past an expansion that starts at `i` (`$x`, `${…}`, `$(…)`, `$((…))`, `` `…` ``). */
function skipExpansion(s: string, i: number): number {
  const n = s.length;
  if (s[i] === "`") {
    let j = i + 1;
    while (j < n && s[j] !== "`") j += s[j] === "\\" ? 2 : 1;
    return Math.min(j + 1, n);
  }
  const c = s[i + 1];
  if (c === "{" || c === "(") {
    const open = c;
    const close = c === "{" ? "}" : ")";
    let depth = 0;
    let j = i + 1;
    while (j < n) {
      const d = s[j]!;
      if (d === "\\") {
        j += 2;
        continue;
      }
      if (d === "'" && open === "(") {
        const q = s.indexOf("'", j + 1);
        j = q < 0 ? n : q + 1;
        continue;
      }
      if (d === open) depth++;
      else if (d === close) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  }
  let j = i + 1;
  if (j < n && /[@*#?$!0-9-]/.test(s[j]!)) return j + 1;
  while (j < n && /[A-Za-z0-9_]/.test(s[j]!)) j++;
  return j;
}
