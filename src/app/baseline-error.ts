/** A baseline file that can't be read or written: exit 2. (Apart from baseline.ts, which loads on demand.) */
export class BaselineError extends Error {}
