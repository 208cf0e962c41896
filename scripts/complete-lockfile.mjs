#!/usr/bin/env node
/**
 * Adds the platform-specific optional packages (other OS/CPU builds of esbuild, SWC,
 * Tailwind's oxide, rollup, …) that `npm install` on this machine leaves out of
 * package-lock.json, while `npm ci` (npm 11) insists on finding them there
 * (npm/cli#4828, #8805).
 *
 * Run after changing dependencies: `node scripts/complete-lockfile.mjs && npm ci --dry-run`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const pkgs = lock.packages;

const OS = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
];
const CPU = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "riscv64",
  "ppc64",
  "s390x",
  "loong64",
  "mips64el",
  "wasm32",
];

/** `@next/swc-darwin-arm64` → { os: ["darwin"], cpu: ["arm64"] } (what the package itself declares). */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

function resolveFrom(parentPath, name) {
  // Node resolution: <parent>/node_modules/<name>, then each ancestor's node_modules.
  let base = parentPath;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (pkgs[candidate]) return candidate;
    if (!base) return null;
    const i = base.lastIndexOf("/node_modules/");
    base = i === -1 ? "" : base.slice(0, i);
  }
}

let added = 0;
for (const [parentPath, meta] of Object.entries({ ...pkgs })) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolveFrom(parentPath, name)) continue;
    const top = `node_modules/${name}`;
    const where = pkgs[top] ? `${parentPath}/node_modules/${name}` : top;
    // The registry this project installs from does not serve other platforms' builds, so
    // only what the parent declares is known: the exact version, and the platform, which
    // these packages spell in their names. `os`/`cpu` make every npm skip them off-platform.
    pkgs[where] = {
      version: spec,
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform packages to package-lock.json`);
