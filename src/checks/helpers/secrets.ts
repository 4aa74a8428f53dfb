/** Words that make a name a secret's, wherever they stand (`DB_PASSWORD`, `GITHUB_TOKEN`, `DB_PASS`). */
const SECRET_WORDS = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|(^|_)PASS(_|$)/gi;
/**
 * Last words that say where a secret is or what it is called rather than holding it
 * (`POSTGRES_PASSWORD_FILE`, `OAUTH_TOKEN_URL`, `SECRET_NAME`, `CSRF_TOKEN_HEADER`).
 */
const NOT_A_SECRET_NAME = /_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|NAME|HEADER|ALGO|ALGORITHM|TYPE)$/i;
/**
 * Words after the secret word that make the name a setting about it, wherever they stand:
 * `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `ACCESS_TOKEN_EXPIRE_MINUTES`, `PASSWORD_HASH_ITERATIONS`,
 * `OPENAI_MAX_TOKENS`, `PASS_MAX_DAYS`.
 */
const SETTING_WORD =
  /(^|_)(EXPIRE|EXPIRES|EXPIRY|EXPIRATION|TTL|TIMEOUT|LENGTH|MIN|MAX|ITERATIONS|ROUNDS|COST|SECONDS|MINUTES|HOURS|DAYS|WEEKS|SIZE|COUNT|LIMIT|TOKENS|TOKENIZER|LIFETIME|INTERVAL|ISSUER|AUDIENCE|HASHER|HASHERS|STORE|PROVIDER|BACKEND|ENABLED|DISABLED|REQUIRED|POLICY|COMPLEXITY|STRENGTH)(_|$)/i;
const FLAG_VALUE = /^(true|false|yes|no|on|off|0|1|none|null)?$/i;

/**
 * Where the first secret word of a name ends, or -1. The word must end there (`TOKENS`,
 * `TOKENIZER`, `SECRETS__BACKEND` are not one), but `API_KEYS` and `PASSWORDS` are plurals of one.
 */
function secretWordEnd(name: string): number {
  SECRET_WORDS.lastIndex = 0;
  for (let m = SECRET_WORDS.exec(name); m; m = SECRET_WORDS.exec(name)) {
    const end = m.index + m[0].length;
    const next = name.slice(end);
    if (next === "" || /^[_\d]/.test(next)) return end;
    if (/^s(_|$)/i.test(next) && /KEY|PASSW/i.test(m[0])) return end + 1;
  }
  return -1;
}

/**
 * A variable that looks like it carries a secret: a secret-looking name with a literal,
 * non-empty value. `${VAR}` references, paths under /run/secrets, `*_FILE` names and
 * booleans are not secrets.
 */
export function secretLooking(name: string, value: string | null, dollarEscape: "$$" | "literal" | null = null): boolean {
  if (value === null || NOT_A_SECRET_NAME.test(name)) return false;
  const end = secretWordEnd(name);
  if (end < 0) return false;
  // A setting word after the secret word (`TOKEN_EXPIRE_MINUTES`), not before it (`KEY_STORE_PASSWORD` is a secret).
  if (SETTING_WORD.test(name.slice(end))) return false;
  let v = value.trim();
  // In Compose `$$` is a literal `$` (`pa$$word`); any other `$` is a reference.
  // "literal": the caller knows no `$` in the value is a reference (a Dockerfile's 'pa$s' or pa\\$s).
  if (dollarEscape === "$$") {
    if (v.replaceAll("$$", "").includes("$")) return false;
    v = v.replaceAll("$$", "$");
    // `$${TOKEN}` hands the container a literal `${TOKEN}` to expand at run time: a reference.
    if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v.trim())) return false;
  } else if (dollarEscape === null && v.includes("$")) return false;
  // 'a literal ${DB_PASSWORD}' in a Dockerfile: a placeholder for run time (envsubst), as `$${X}` in Compose.
  else if (dollarEscape === "literal" && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v)) return false;
  // `- POSTGRES_PASSWORD=""`: the author meant empty.
  if (v === "" || v === '""' || v === "''" || FLAG_VALUE.test(v)) return false;
  if (v.startsWith("/run/secrets") || v.startsWith("/var/run/secrets")) return false;
  return true;
}
