import type { ErrorObject } from "ajv";

/** The shape of an ajv standalone validator generated at build time. */
export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
