/**
 * Runtime fault injection for the vendor emulations (`POST /__simulator/faults`): which requests
 * a fault matches, how often it fires, and what it does. The HTTP side lives in `server.ts`.
 *
 * A fault matches a request of its `vendor` whose path (below the vendor prefix, no query string)
 * starts with `path`, whose method equals `method` (if given) and whose query has every
 * `query` entry (if given). The newest live matching fault decides alone: with probability
 * `rate` (seeded PRNG, so runs are reproducible) it fires and consumes one of its `times`;
 * otherwise the request is served normally. A fired fault then, after `delayMs`:
 * - `hang: true` → never answers (until the fault is deleted, then it is served normally);
 * - `status`/`body`/`rawBody` → answers that (status defaults to 200 when only a body is given);
 * - none of these → the request is only delayed, then served normally (with `headers` added).
 */
import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { makeRng, type Rng } from "./dataset";

export type Vendor = "livechat" | "rocketchat";

/** Seed used when a fault has a `rate` but no `seed`: runs stay reproducible by default. */
const DEFAULT_SEED = 0x5eed;

export const faultInput = z
  .object({
    vendor: z.enum(["livechat", "rocketchat"]),
    /** Prefix of the path below the vendor mount, e.g. `/reports/chats` or `/api/v1/livechat`. */
    path: z.string().startsWith("/"),
    /** Only requests with this method (case-insensitive). */
    method: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .transform((m) => m.toUpperCase())
      .optional(),
    /** Only requests whose query has all these params with exactly these (first) values. */
    query: z.record(z.string(), z.string()).optional(),
    status: z.number().int().min(100).max(599).optional(),
    /** JSON body to answer with. */
    body: z.unknown().optional(),
    /** Sent verbatim instead of JSON (e.g. to simulate a truncated or HTML body). */
    rawBody: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Latency added before the fault acts, ms. */
    delayMs: z.number().int().min(0).max(120_000).optional(),
    /** Accept the request and never answer (an upstream timeout). */
    hang: z.boolean().optional(),
    /** How many times the fault may fire (default: until deleted). */
    times: z.number().int().min(1).optional(),
    /** Probability in (0, 1] that a matching request is faulted (default 1). */
    rate: z.number().gt(0).max(1).optional(),
    /** PRNG seed for `rate` (32-bit integer). */
    seed: z.number().int().optional(),
  })
  .refine((f) => !(f.hang && (f.status !== undefined || f.body !== undefined || f.rawBody)), {
    message: "hang cannot be combined with status, body or rawBody",
  });
export type FaultInput = z.infer<typeof faultInput>;

/** What a fired fault does after its delay. */
export type FaultAction =
  | { kind: "hang" }
  | {
      kind: "respond";
      status: number;
      /** The exact body text: `rawBody`, else `body` (or a default error envelope) as JSON. */
      text: string;
      headers: Record<string, string>;
    }
  | { kind: "delay" };

export interface Fault {
  id: string;
  spec: FaultInput;
  /** Fires left (Infinity = until deleted). */
  remaining: number;
  hits: number;
  rng: Rng;
}

/** How a fault is listed by `GET /__simulator/faults` (`remaining` null = unlimited). */
export interface FaultView extends FaultInput {
  id: string;
  remaining: number | null;
  hits: number;
}

export interface FaultRequest {
  vendor: Vendor;
  method: string;
  path: string;
  query: URLSearchParams;
}

export class FaultBook {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultInput): Fault {
    const fault: Fault = {
      id: `f${this.nextId++}`,
      spec,
      remaining: spec.times ?? Infinity,
      hits: 0,
      rng: makeRng(spec.seed ?? DEFAULT_SEED),
    };
    this.faults.push(fault);
    return fault;
  }

  /** @returns whether a fault with this id existed. */
  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  list(): FaultView[] {
    return this.faults.map((f) => ({
      ...f.spec,
      id: f.id,
      remaining: Number.isFinite(f.remaining) ? f.remaining : null,
      hits: f.hits,
    }));
  }

  /**
   * The newest live fault matching `req`, if its `rate` draw fires it (then one of its `times`
   * is consumed). A miss means "serve normally": older faults are not consulted.
   */
  take(req: FaultRequest): Fault | undefined {
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const fault = this.faults[i];
      if (!fault || fault.remaining <= 0 || !matches(fault.spec, req)) continue;
      const rate = fault.spec.rate ?? 1;
      if (rate < 1 && fault.rng.u() >= rate) return undefined;
      fault.remaining--;
      fault.hits++;
      return fault;
    }
    return undefined;
  }
}

function matches(spec: FaultInput, req: FaultRequest): boolean {
  if (spec.vendor !== req.vendor || !req.path.startsWith(spec.path)) return false;
  if (spec.method !== undefined && spec.method !== req.method) return false;
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (req.query.get(key) !== value) return false;
  }
  return true;
}

/** What `spec` does once fired. */
export function faultAction(spec: FaultInput): FaultAction {
  if (spec.hang) return { kind: "hang" };
  if (spec.status === undefined && spec.body === undefined && spec.rawBody === undefined)
    return { kind: "delay" };
  const status = spec.status ?? 200;
  const fallback =
    status >= 500 ? { error: "Internal Server Error" } : { error: STATUS_CODES[status] ?? "Error" };
  return {
    kind: "respond",
    status,
    // `body: null` is a legitimate fault (a JSON `null`), so test for undefined, not nullish.
    text: spec.rawBody ?? JSON.stringify(spec.body !== undefined ? spec.body : fallback),
    headers: spec.headers ?? {},
  };
}
