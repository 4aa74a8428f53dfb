declare module "virtual:builtin-rules" {
  const rules: import("./engine/types.js").RuleMeta[];
  export default rules;
}
declare module "virtual:package-version" {
  const version: string;
  export default version;
}
declare module "virtual:compose-validator" {
  const validate: import("./parse/schema-validator.js").StandaloneValidator;
  export default validate;
}
declare module "virtual:compose-service-keys" {
  const keys: string[];
  export default keys;
}
declare module "virtual:compose-service-tree" {
  /** Keys below each service key where the Compose schema closes them; null: any key. */
  type KeyTree = { [key: string]: KeyTree | null };
  const tree: KeyTree;
  export default tree;
}
declare module "virtual:config-validator" {
  const validate: import("./parse/schema-validator.js").StandaloneValidator;
  export default validate;
}
declare module "virtual:policy-validator" {
  const validate: import("./parse/schema-validator.js").StandaloneValidator;
  export default validate;
}
declare module "virtual:rule-options-validators" {
  const validators: Record<string, import("./parse/schema-validator.js").StandaloneValidator>;
  export default validators;
}
declare module "virtual:vm-spec-validator" {
  const validate: import("./parse/schema-validator.js").StandaloneValidator;
  export default validate;
}
