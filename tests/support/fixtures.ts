/**
 * Loads the documented upstream examples from `../shared/fixtures` (read-only, beside the repo).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export const FIXTURES_DIR = path.resolve(__dirname, "../../../shared/fixtures");

export interface Fixture {
  file: string;
  vendor: "livechat-v2" | "rocketchat";
  request: { method: string; path: string; query?: string };
  response: { status: number; body: unknown };
}

/** The `response.body` of one fixture, e.g. `rocketchat/401_not_logged_in.json`. */
export function fixtureBody(relativePath: string): unknown {
  const parsed = JSON.parse(readFileSync(path.join(FIXTURES_DIR, relativePath), "utf8")) as {
    response: { body: unknown };
  };
  return parsed.response.body;
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const vendor of ["livechat-v2", "rocketchat"] as const) {
    for (const file of readdirSync(path.join(FIXTURES_DIR, vendor)).sort()) {
      if (!file.endsWith(".json")) continue;
      const json = JSON.parse(readFileSync(path.join(FIXTURES_DIR, vendor, file), "utf8")) as Omit<
        Fixture,
        "file" | "vendor"
      >;
      out.push({ file: `${vendor}/${file}`, vendor, ...json });
    }
  }
  return out;
}
