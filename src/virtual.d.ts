declare module "virtual:builtin-rules" {
  const rules: import("./engine/types.js").RuleMeta[];
  export default rules;
}
declare module "virtual:package-version" {
  const version: string;
  export default version;
}
