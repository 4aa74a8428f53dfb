import type { Range } from "./range.js";

export interface Service {
  name: string;
  file: string;
  range: Range;
  /** The service's `healthcheck:` (null when absent). */
  healthcheck: unknown | null;
}

export interface ComposeModel {
  kind: "compose";
  path: string;
  services: Service[];
}
