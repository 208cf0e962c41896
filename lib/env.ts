/**
 * The app's validated configuration (server only: it holds upstream credentials).
 * Parsed once per process; `instrumentation.ts` calls `getConfig()` at start so an invalid
 * configuration stops the server with a message naming the variable.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { parseConfig, type AppConfig } from "./config";

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env, () => randomBytes(32).toString("base64url"));
  return cached;
}
