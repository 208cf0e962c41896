/** fetchUpstream / requestJson over real HTTP: what is sent, what is refused, how failures map. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { parseRetryAfter } from "./errors";
import { endpointOf, fetchUpstream, requestJson } from "./http";
import {
  FakeUpstream,
  asUpstreamError,
  echo,
  rejectionOf,
  status,
  testRequest,
} from "./testing/fake-upstream";

const fake = new FakeUpstream();
const other = new FakeUpstream();

beforeAll(async () => {
  await Promise.all([fake.start(), other.start()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), other.close()]);
});
beforeEach(() => {
  fake.reset();
  other.reset();
});

const req = (over: Parameters<typeof testRequest>[1] = {}) => ({
  ...testRequest(fake.baseUrl, over),
  timeoutMs: 1_000,
});

describe("fetchUpstream", () => {
  test("sends the query (arrays repeat the key), the headers, and reports the body size", async () => {
    const answer = await fetchUpstream(
      req({ query: { from: "2024-03-01", "tag[]": ["a", "b"], skip: undefined } }),
    );
    const seen = fake.requests[0]!;
    expect(seen.query.get("from")).toBe("2024-03-01");
    expect(seen.query.getAll("tag[]")).toEqual(["a", "b"]);
    expect(seen.query.has("skip")).toBe(false);
    expect(seen.headers.authorization).toBe("Bearer alice");
    expect(seen.headers.accept).toBe("application/json");
    expect(answer.bytes).toBe(JSON.stringify(answer.value).length);
  });

  test("POST sends the JSON body", async () => {
    let received = "";
    fake.handler = (r) => {
      received = String(r.headers["content-type"]);
      return echo(r);
    };
    await requestJson(req({ method: "POST", jsonBody: { filters: {} } }));
    expect(fake.requests[0]!.method).toBe("POST");
    expect(received).toBe("application/json");
  });

  test("never follows a redirect (credentials would go along)", async () => {
    fake.handler = () => ({ status: 302, headers: { location: `${other.baseUrl}/steal` } });
    const error = asUpstreamError(await rejectionOf(requestJson(req())));
    expect(error.kind).toBe("unexpected_shape");
    expect(error.status).toBe(302);
    expect(other.count()).toBe(0);
  });

  test("error messages carry the endpoint and the vendor's text, never the credentials", async () => {
    fake.handler = () => status(401, { body: { error: "x".repeat(500) } });
    const error = asUpstreamError(
      await rejectionOf(requestJson(req({ headers: { authorization: "Bearer s3cr3t-token" } }))),
    );
    expect(error.kind).toBe("unauthorized");
    expect(error.endpoint).toBe("GET /reports/chats/total_chats");
    expect(error.message).toContain("GET /reports/chats/total_chats");
    expect(error.message).toContain("x".repeat(200));
    expect(error.message).not.toContain("x".repeat(201));
    expect(error.message).not.toContain("s3cr3t");
  });

  test("an upstream that echoes the credentials it was sent has them redacted", async () => {
    const key = "lc-key-echo-0123456789";
    const basic = Buffer.from(`owner@example.com:${key}`).toString("base64");
    fake.handler = () =>
      status(401, {
        body: { error: `bad key ${key}; got Basic ${basic}; token rc-token-echo-99` },
      });
    const error = asUpstreamError(
      await rejectionOf(
        requestJson(
          req({ headers: { authorization: `Basic ${basic}`, "x-auth-token": "rc-token-echo-99" } }),
        ),
      ),
    );
    expect(error.message).toContain("bad key [redacted]");
    for (const secret of [key, basic, "rc-token-echo-99"])
      expect(error.message).not.toContain(secret);
  });

  test("an error body that is not JSON still maps by status", async () => {
    fake.handler = () => ({ status: 502, raw: "<html>Bad gateway</html>" });
    const error = asUpstreamError(await rejectionOf(requestJson(req())));
    expect(error.kind).toBe("upstream_5xx");
    expect(error.status).toBe(502);
  });

  test("an empty 200 body is invalid_json; `null` fails the schema", async () => {
    fake.handler = () => ({ raw: "" });
    expect(asUpstreamError(await rejectionOf(requestJson(req()))).kind).toBe("invalid_json");
    fake.handler = () => ({ raw: "null" });
    expect(asUpstreamError(await rejectionOf(requestJson(req()))).kind).toBe("unexpected_shape");
  });

  test("a body that never comes is a timeout within timeoutMs", async () => {
    fake.handler = (r) => ({ ...echo(r), delayMs: 1_000 });
    const started = Date.now();
    const error = asUpstreamError(await rejectionOf(requestJson({ ...req(), timeoutMs: 100 })));
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("100 ms");
    expect(Date.now() - started).toBeLessThan(800);
  });

  test("429 carries retryAfterSeconds from Retry-After or Rocket.Chat's reset in epoch ms", async () => {
    fake.handler = () => status(429, { headers: { "retry-after": "7" } });
    expect(asUpstreamError(await rejectionOf(requestJson(req()))).retryAfterSeconds).toBe(7);
    fake.handler = (r) => status(429, { headers: { "x-ratelimit-reset": String(r.at + 4_500) } });
    const seconds = asUpstreamError(await rejectionOf(requestJson(req()))).retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(4);
    expect(seconds).toBeLessThanOrEqual(5);
  });

  test("observe sees every answer's status and headers", async () => {
    const seen: number[] = [];
    fake.handler = () => status(500, { headers: { "x-ratelimit-remaining": "3" } });
    await rejectionOf(
      fetchUpstream({
        ...req(),
        observe: (code, headers) => {
          seen.push(code, Number(headers.get("x-ratelimit-remaining")));
        },
      }),
    );
    expect(seen).toEqual([500, 3]);
  });

  test("the schema's parsed output is returned", async () => {
    const value = await requestJson({
      ...req(),
      schema: z.object({ n: z.number() }).transform((o) => o.n + 1),
    });
    expect(value).toBe(2);
  });
});

test("endpointOf masks logins and chat ids", () => {
  expect(endpointOf("GET", "/chats/PJ0MRSHTDG")).toBe("GET /chats/<id>");
  expect(endpointOf("GET", "/reports/agents/jane@example.com")).toBe("GET /reports/agents/<login>");
  expect(endpointOf("GET", "/reports/chats/total_chats")).toBe("GET /reports/chats/total_chats");
});

test("parseRetryAfter: delta-seconds, HTTP dates, garbage", () => {
  const now = Date.parse("2024-03-10T12:00:00Z");
  expect(parseRetryAfter("120", now)).toBe(120);
  expect(parseRetryAfter(" 3 ", now)).toBe(3);
  expect(parseRetryAfter("Sun, 10 Mar 2024 12:00:30 GMT", now)).toBe(30);
  expect(parseRetryAfter("Sun, 10 Mar 2024 11:00:00 GMT", now)).toBe(0);
  expect(parseRetryAfter("soon", now)).toBeUndefined();
  expect(parseRetryAfter("", now)).toBeUndefined();
  expect(parseRetryAfter(null, now)).toBeUndefined();
});
