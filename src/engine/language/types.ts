import type { Range } from "../../model/range.js";

/** A value the rule language reads: a scalar, a list or a map, with where it was written. */
export interface VNode {
  value: string | number | boolean | null | VNode[] | Map<string, VNode>;
  range?: Range;
  /** Interpolation left a variable without a value here: the real value is unknown. */
  unresolved?: boolean;
}

/** What a condition is evaluated against: an item, or one element of a list. */
export interface Scope {
  get(path: readonly string[]): VNode | undefined;
  /** For `exists: false`: true when another file merged into this one (an override) sets the path. */
  setElsewhere?(path: readonly string[]): boolean;
  /**
   * For `not`: the thing as `docker compose up` sees it, with the files merged into this one
   * (a service's entries in `compose.override.yaml`): a key the override sets has its value
   * (lists are joined), so `cap_drop: [ALL]` there satisfies the base file and `read_only:
   * false` there undoes the base's `true`. Absent when nothing is merged in.
   */
  merged?(): MergedScope | undefined;
}

/** The merged view, which also says where a value came from. */
export interface MergedScope extends Scope {
  /** The value at `path` is an override's own (it replaces the base's, not a list joined with it). */
  fromOverride(path: readonly string[]): boolean;
}

/** One thing a rule selects (a service, a port, a Dockerfile instruction…). */
export interface Item extends Scope {
  file: string;
  /** Where a finding about the item as a whole points (a service's name, an instruction). */
  range: Range;
  /** Values for message placeholders: `{{service}}`, `{{image}}`, `{{keyword}}`… */
  vars: Record<string, string>;
  /** An override file's partial service: only findings at something it sets are reported. */
  partial?: boolean;
  /** A partial service that its base merges (compose.override.yaml): the base decides `not` tests. */
  layer?: boolean;
}

/** A condition that held: where (the deepest node that made it hold) and what value. */
export interface Hit {
  range?: Range;
  /** The node that matched; its value is made plain only when a message uses {{value}}. */
  node?: VNode;
  value?: unknown;
  /** Set by a list quantifier: the element that satisfied it (preferred as the place to report). */
  witness?: boolean;
  /** Further elements that satisfied an `any` quantifier: each is reported as a finding of its own. */
  more?: Hit[];
}

export type FieldType = "string" | "number" | "boolean" | "list" | "map" | "any";

/** The shape of what a selectable offers, for checking policies when they are loaded. */
export interface FieldSpec {
  type: FieldType;
  doc: string;
  /** Fields of each list element (type list) or of the map (type map). */
  fields?: Record<string, FieldSpec>;
  /** Any nested path is accepted below this field (raw YAML values). */
  open?: boolean;
}

export interface SelectableSpec {
  doc: string;
  kind: "dockerfile" | "compose" | "vm" | "project";
  fields: Record<string, FieldSpec>;
  /** Raw keys of the underlying YAML that may be used directly as fields (Compose service keys). */
  rawKeys?: readonly string[];
}

export function vlist(nodes: VNode[], range?: Range): VNode {
  return range ? { value: nodes, range } : { value: nodes };
}

export function vscalar(value: string | number | boolean | null, range?: Range): VNode {
  return range ? { value, range } : { value };
}

export function vmap(entries: Record<string, VNode | undefined>, range?: Range): VNode {
  const m = new Map<string, VNode>();
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) m.set(k, v);
  return range ? { value: m, range } : { value: m };
}
