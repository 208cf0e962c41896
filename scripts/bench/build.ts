/**
 * The benchmark's own production build: `next build` into `CHATLENS_DIST_DIR` (default
 * `.next-bench`, never `.next`, which tests and other people use), only when `<dir>/BUILD_ID`
 * is missing or `BENCH_BUILD=1`. Next adds its dist dir's type folders to `tsconfig.json`
 * `include` on build; those entries are taken out again.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childPids, log } from "./util";

export const BENCH_DIST_DIR = process.env.CHATLENS_DIST_DIR || ".next-bench";

export async function ensureBuild(root: string): Promise<{ built: boolean; seconds: number }> {
  if (BENCH_DIST_DIR === ".next" || BENCH_DIST_DIR === ".next-ui")
    throw new Error(`CHATLENS_DIST_DIR=${BENCH_DIST_DIR} belongs to others: use .next-bench`);
  const dist = path.join(root, BENCH_DIST_DIR);
  // A build older than the floor route cannot run section (b): treat it as missing.
  const complete =
    existsSync(path.join(dist, "BUILD_ID")) &&
    existsSync(path.join(dist, "server", "app", "api", "bench", "floor", "route.js"));
  if (complete && process.env.BENCH_BUILD !== "1") return { built: false, seconds: 0 };

  log(`next build → ${BENCH_DIST_DIR} (takes a few minutes)`);
  const tsconfigPath = path.join(root, "tsconfig.json");
  const tsconfigBefore = readFileSync(tsconfigPath, "utf8");
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      cwd: root,
      env: { ...process.env, CHATLENS_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid !== undefined) childPids.add(child.pid);
    child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    child.once("error", reject);
    child.once("exit", (c) => {
      if (child.pid !== undefined) childPids.delete(child.pid);
      resolve(c);
    });
  });
  await restoreTsconfig(tsconfigPath, tsconfigBefore);
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.join("")}`);
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

/**
 * Removes the `include` entries naming the bench dist dir that `next build` added. Next
 * rewrites the whole file in its own format: when its entries are the only change, the
 * original text goes back byte for byte; otherwise only they are dropped and the file is
 * re-formatted with the project's Prettier settings.
 */
async function restoreTsconfig(file: string, before: string): Promise<void> {
  const after = readFileSync(file, "utf8");
  if (after === before) return;
  const ours = (entry: unknown) =>
    typeof entry === "string" && entry.startsWith(`${BENCH_DIST_DIR}/`);
  let parsed: { include?: unknown[] };
  try {
    parsed = JSON.parse(after) as { include?: unknown[] };
  } catch {
    log("tsconfig.json changed during the build and is not plain JSON: left as is");
    return;
  }
  if (!parsed.include?.some(ours)) return;
  parsed.include = parsed.include.filter((e) => !ours(e));
  if (JSON.stringify(parsed) === JSON.stringify(JSON.parse(before))) {
    writeFileSync(file, before);
  } else {
    const prettier = await import("prettier");
    const config = (await prettier.resolveConfig(file)) ?? {};
    writeFileSync(
      file,
      await prettier.format(JSON.stringify(parsed), { ...config, filepath: file }),
    );
  }
  log(`tsconfig.json: removed the ${BENCH_DIST_DIR} entries next build added`);
}
