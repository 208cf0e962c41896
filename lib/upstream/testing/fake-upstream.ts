/**
 * Test support for `lib/upstream/*.test.ts`: a tiny fake upstream on 127.0.0.1 (random port)
 * whose answer each test controls, plus the small pieces every upstream test needs (a scheduler
 * with test-friendly options, a request, a direct call through a scheduler).
 *
 * The fake upstream records every request (path, query, headers, time) and how many were in
 * flight at once, per path and overall.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { UpstreamError } from "../errors";
import { fetchUpstream, type UpstreamRequest } from "../http";
import { SourceScheduler, type SchedulerOptions } from "../scheduler";

export interface FakeRequest {
  /** 1-based number of this request on the server. */
  n: number;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** When the server received it, epoch ms. */
  at: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (serialised) — or, with `raw`, the exact body text. */
  body?: unknown;
  raw?: string;
  /** Wait this long before answering, ms. */
  delayMs?: number;
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

/** The default answer: who asked (Authorization header), which request it was, its query. */
export const echoSchema = z.object({ who: z.string(), n: z.number(), query: z.string() });
export type Echo = z.output<typeof echoSchema>;

export function echo(req: FakeRequest): FakeReply {
  return {
    body: {
      who: String(req.headers.authorization ?? ""),
      n: req.n,
      query: req.query.toString(),
    },
  };
}

export class FakeUpstream {
  readonly requests: FakeRequest[] = [];
  /** Answers by status code. */
  readonly statuses: number[] = [];
  handler: FakeHandler = echo;
  maxInFlight = 0;
  readonly maxInFlightByPath = new Map<string, number>();
  private inFlight = 0;
  private readonly inFlightByPath = new Map<string, number>();
  /** Bumped by `reset`: answers still pending from an earlier test do not count. */
  private generation = 0;
  private server: http.Server | null = null;
  baseUrl = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Forgets the recorded requests and restores the echo handler. */
  reset(handler: FakeHandler = echo): void {
    this.requests.length = 0;
    this.statuses.length = 0;
    this.maxInFlight = 0;
    this.maxInFlightByPath.clear();
    this.inFlight = 0;
    this.inFlightByPath.clear();
    this.generation++;
    this.handler = handler;
  }

  /** Requests received (optionally only those on `path`). */
  count(path?: string): number {
    return path === undefined
      ? this.requests.length
      : this.requests.filter((r) => r.path === path).length;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const generation = this.generation;
    const url = new URL(req.url ?? "/", "http://fake");
    const request: FakeRequest = {
      n: this.requests.length + 1,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: Date.now(),
    };
    this.requests.push(request);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const onPath = (this.inFlightByPath.get(request.path) ?? 0) + 1;
    this.inFlightByPath.set(request.path, onPath);
    this.maxInFlightByPath.set(
      request.path,
      Math.max(this.maxInFlightByPath.get(request.path) ?? 0, onPath),
    );
    try {
      const reply = await this.handler(request);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      const status = reply.status ?? 200;
      if (generation === this.generation) this.statuses.push(status);
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body)));
    } catch (error) {
      if (!res.destroyed) {
        res.writeHead(599);
        res.end(String(error));
      }
    } finally {
      if (generation === this.generation) {
        this.inFlight--;
        this.inFlightByPath.set(request.path, (this.inFlightByPath.get(request.path) ?? 1) - 1);
      }
    }
  }
}

/** Scheduler options for tests: tiny backoff, a breaker that does not open unless asked. */
export function testSchedulerOptions(over: Partial<SchedulerOptions> = {}): SchedulerOptions {
  return {
    vendor: "livechat",
    vendorName: "LiveChat",
    routeConcurrency: 8,
    sourceConcurrency: 16,
    maxRetries: 2,
    backoffBaseMs: 2,
    backoffCapMs: 10,
    budgetMs: 8_000,
    maxRateWaitMs: 3_000,
    breaker: {
      volumeThreshold: 1_000_000,
      errorThresholdPercentage: 50,
      rollingWindowMs: 10_000,
      resetTimeoutMs: 10_000,
    },
    ...over,
  };
}

/** Creates schedulers and shuts them all down (call `shutdown()` in `afterEach`). */
export class Schedulers {
  private readonly all: SourceScheduler[] = [];

  create(over: Partial<SchedulerOptions> = {}): SourceScheduler {
    const scheduler = new SourceScheduler(testSchedulerOptions(over));
    this.all.push(scheduler);
    return scheduler;
  }

  shutdown(): void {
    for (const s of this.all.splice(0)) s.shutdown();
  }
}

export type TestRequest<S extends z.ZodType = typeof echoSchema> = Omit<
  UpstreamRequest<S>,
  "timeoutMs" | "observe"
>;

/** A GET on the fake upstream answered with `echoSchema`. */
export function testRequest(baseUrl: string, over: Partial<TestRequest> = {}): TestRequest {
  return {
    vendor: "livechat",
    method: "GET",
    baseUrl,
    path: "/reports/chats/total_chats",
    query: {},
    headers: { authorization: "Bearer alice" },
    schema: echoSchema,
    describeError: (body) =>
      typeof body === "object" && body !== null && "error" in body
        ? String((body as { error: unknown }).error)
        : undefined,
    ...over,
  };
}

/** One logical call through `scheduler` without the gateway (what `policy: null` does). */
export function callThrough<S extends z.ZodType>(
  scheduler: SourceScheduler,
  req: Omit<UpstreamRequest<S>, "timeoutMs" | "observe">,
  { route = "GET /reports/chats/total_chats", timeoutMs = 2_000 } = {},
): Promise<z.output<S>> {
  return scheduler
    .run(route, ({ observe }) => fetchUpstream({ ...req, timeoutMs, observe }))
    .then((a) => a.value);
}

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** Answers with the given replies in turn (by request number), then repeats the last one. */
export function sequence(...replies: (FakeReply | FakeHandler)[]): FakeHandler {
  return (req) => {
    const reply = replies[Math.min(req.n, replies.length) - 1]!;
    return typeof reply === "function" ? reply(req) : reply;
  };
}

/** An error answer with a LiveChat-style error body. */
export const status = (code: number, extra: Omit<FakeReply, "status"> = {}): FakeReply => ({
  status: code,
  body: { error: `boom ${code}` },
  ...extra,
});

/** Asserts that `error` is an `UpstreamError` and returns it typed. */
export function asUpstreamError(error: unknown): UpstreamError {
  if (!(error instanceof UpstreamError)) {
    throw new Error(`expected an UpstreamError, got ${String(error)}`, { cause: error });
  }
  return error;
}
