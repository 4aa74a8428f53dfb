export interface VmSpecModel {
  kind: "vm";
  path: string;
}
