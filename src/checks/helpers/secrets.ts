const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY/i;
const NOT_A_SECRET_NAME = /_(FILE|PATH|DIR)$/i;
const FLAG_VALUE = /^(true|false|yes|no|on|off|0|1|none|null)?$/i;

/**
 * A variable that looks like it carries a secret: a secret-looking name with a literal,
 * non-empty value. `${VAR}` references, paths under /run/secrets, `*_FILE` names and
 * booleans are not secrets.
 */
export function secretLooking(name: string, value: string | null): boolean {
  if (value === null || !SECRET_NAME.test(name) || NOT_A_SECRET_NAME.test(name)) return false;
  const v = value.trim();
  if (v === "" || v.includes("$") || FLAG_VALUE.test(v)) return false;
  if (v.startsWith("/run/secrets") || v.startsWith("/var/run/secrets")) return false;
  return true;
}
