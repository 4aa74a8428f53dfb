import { basename } from "./commands.js";

/** A package-manager install found in a command: which manager and the package names. */
export interface PackageInstall {
  manager: "apt" | "apk" | "yum" | "zypper" | "pacman";
  packages: string[];
}

/** Options that take the next word as their value, per manager (attached `--x=y` forms need nothing). */
const VALUE_OPTIONS: Record<PackageInstall["manager"], Set<string>> = {
  apt: new Set(["-o", "--option", "-t", "--target-release", "--default-release", "-c", "--config-file", "-a", "--host-architecture"]),
  apk: new Set(["-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"]),
  yum: new Set(["-x", "--exclude", "--enablerepo", "--disablerepo", "--setopt", "--releasever", "--installroot", "-c", "--config", "--repo", "--repofrompath", "--forcearch"]),
  // Global options (`--root`, `--config`, …) come before the subcommand, install options after it.
  zypper: new Set(["-r", "--repo", "--from", "-t", "--type", "-R", "--root", "-c", "--config", "-D", "--reposd-dir", "-C", "--cache-dir"]),
  pacman: new Set(["--root", "-r", "--dbpath", "-b", "--cachedir", "--config", "--arch"]),
};

const MANAGERS: Record<string, { manager: PackageInstall["manager"]; subcommands: string[] }> = {
  "apt-get": { manager: "apt", subcommands: ["install"] },
  apt: { manager: "apt", subcommands: ["install"] },
  aptitude: { manager: "apt", subcommands: ["install"] },
  apk: { manager: "apk", subcommands: ["add"] },
  yum: { manager: "yum", subcommands: ["install"] },
  dnf: { manager: "yum", subcommands: ["install"] },
  microdnf: { manager: "yum", subcommands: ["install"] },
  tdnf: { manager: "yum", subcommands: ["install"] },
  zypper: { manager: "zypper", subcommands: ["install", "in"] },
  pacman: { manager: "pacman", subcommands: [] },
};

/** The packages an argv installs, or null when it is not a package install. */
export function packageInstall(argv: readonly string[]): PackageInstall | null {
  if (argv.length < 2) return null;
  const spec = MANAGERS[basename(argv[0]!)];
  if (!spec) return null;
  const valueOptions = VALUE_OPTIONS[spec.manager];
  const packages: string[] = [];
  let installing = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (w.startsWith("-")) {
      if (spec.manager === "pacman" && /^-S[a-zA-Z]*$/.test(w) && !/[sicgpl]/.test(w.slice(2))) installing = true;
      if (valueOptions.has(w)) i++;
      continue;
    }
    if (!installing) {
      if (spec.subcommands.includes(w)) {
        installing = true;
        continue;
      }
      // The first non-option word is the subcommand; anything else is not an install.
      if (spec.manager !== "pacman") return null;
      continue;
    }
    const name = packageName(w);
    if (name) packages.push(name);
  }
  return installing ? { manager: spec.manager, packages } : null;
}

/** `nginx=1.2-1` → `nginx`; `redis>=7` → `redis`; `curl@edge` → `curl`; `libc6:amd64` → `libc6`. */
export function packageName(word: string): string | null {
  if (word.includes("$") || word.includes("/") || word.endsWith(".rpm") || word.endsWith(".deb") || word.endsWith(".apk")) {
    return null;
  }
  const name = word.split(/[=<>~@:]/, 1)[0]!.toLowerCase();
  return name === "" ? null : name;
}
