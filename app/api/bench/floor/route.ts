/**
 * GET /api/bench/floor — a benchmark fixture, not part of the product API.
 *
 * `npm run bench` (`scripts/bench.ts`) compares `/api/metrics/...` on a warm cache with the
 * cheapest answer this very Next.js server can give: a route handler that returns the same
 * bytes without a session check, validation or cache lookup. The difference between the two is
 * what Chatlens' own code costs per request; what remains is Next's routing floor.
 *
 * Off unless the server was started with `CHATLENS_BENCH_FLOOR_FILE` (a path to the body to
 * serve): then it answers that file's bytes, read once on first use and kept in memory, with
 * `content-type: application/json` and `cache-control: private, no-store`. Without the variable
 * it answers 404 like any unknown API path, so production servers expose nothing here.
 */
import { readFileSync } from "node:fs";

export const dynamic = "force-dynamic";

const NOT_FOUND = JSON.stringify({ error: { code: "not_found", message: "Not found" } });
const HEADERS = { "content-type": "application/json", "cache-control": "private, no-store" };

let body: Uint8Array<ArrayBuffer> | null | undefined;

function floorBody(): Uint8Array<ArrayBuffer> | null {
  if (body === undefined) {
    const file = process.env.CHATLENS_BENCH_FLOOR_FILE;
    body = file ? new Uint8Array(readFileSync(file)) : null;
  }
  return body;
}

export function GET(): Response {
  const bytes = floorBody();
  if (bytes === null) return new Response(NOT_FOUND, { status: 404, headers: HEADERS });
  return new Response(bytes, { status: 200, headers: HEADERS });
}
