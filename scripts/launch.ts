/**
 * Starts Chatlens: `tsx scripts/launch.ts dev|start`.
 *
 * Loads `.env*` files the way Next does, validates the configuration (exits naming the bad
 * variable), and — when no upstream is configured — starts the embedded simulator first and
 * points the app at it. Then runs `next dev` or `next start` and prints the URL and, in demo
 * mode, the demo sign-in. Stops everything on Ctrl-C.
 *
 * Env: PORT (default 3000), HOSTNAME (default 127.0.0.1 for start), SIMULATOR_PORT (default 4010).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { ConfigError, parseConfig } from "../lib/config";
import { DEMO_SIGNIN, SIMULATOR_DEFAULT_PORT } from "../simulator/accounts";

const arg = process.argv[2];
if (arg !== "dev" && arg !== "start") {
  console.error("usage: tsx scripts/launch.ts dev|start");
  process.exit(2);
}
const mode: "dev" | "start" = arg;

const root = path.resolve(__dirname, "..");
loadEnvConfig(root, mode === "dev");

/**
 * The demo's secret: read from `<data dir>/../demo-secret`, or `fallback` written there
 * (mode 0600) on first start. With an in-memory database nothing is kept, so neither is this.
 */
function demoSecret(dataDir: string, fallback: string): string {
  if (dataDir.startsWith("memory://")) return fallback;
  const file = path.join(path.dirname(path.resolve(root, dataDir)), "demo-secret");
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  } catch {
    // First start: no secret kept yet.
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${fallback}\n`, { mode: 0o600 });
  return fallback;
}

async function main() {
  let config;
  try {
    config = parseConfig(process.env, () => randomBytes(32).toString("base64url"));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Chatlens: invalid configuration — ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const port = Number(process.env.PORT ?? 3000);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  childEnv.NEXTAUTH_URL ??= `http://localhost:${port}`;
  let stopSimulator: (() => Promise<void>) | undefined;

  if (config.demo) {
    // A stable secret, so every Next worker agrees on it — and kept beside the embedded
    // database, so demo sessions and share links survive a restart.
    childEnv.NEXTAUTH_SECRET ??= demoSecret(config.dataDir, config.authSecret);
    if (!process.env.CHATLENS_SIMULATOR_URL) {
      const { createSimulator } = await import("../simulator/server");
      const simPort = Number(process.env.SIMULATOR_PORT ?? SIMULATOR_DEFAULT_PORT);
      const simulator = createSimulator();
      const { url } = await simulator.listen(simPort, "127.0.0.1");
      childEnv.CHATLENS_SIMULATOR_URL = url;
      stopSimulator = () => simulator.close();
      console.log(`Simulator (LiveChat v2 + Rocket.Chat) on ${url}`);
    }
  }

  const nextBin = require.resolve("next/dist/bin/next");
  const args: string[] = [nextBin, mode, "--port", String(port)];
  if (mode === "start" && process.env.HOSTNAME) args.push("--hostname", process.env.HOSTNAME);
  const child = spawn(process.execPath, args, { env: childEnv, stdio: "inherit", cwd: root });

  console.log(`\nChatlens ${mode === "dev" ? "(development)" : ""} → http://localhost:${port}`);
  if (config.demo) {
    console.log(
      `Demo mode: sign in with username "${DEMO_SIGNIN.username}" and password "${DEMO_SIGNIN.password}"\n`,
    );
  }

  const shutdown = async (code: number) => {
    child.kill("SIGTERM");
    await stopSimulator?.();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code: number | null) => void shutdown(code ?? 1));
}

void main();
