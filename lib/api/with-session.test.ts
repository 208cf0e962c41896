import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const getServerSession = vi.fn();
vi.mock("next-auth", () => ({
  getServerSession: (...args: unknown[]) => getServerSession(...args),
}));
vi.mock("../auth", () => ({ authOptions: {} }));

const { withSession } = await import("./with-session");

function request(cookie?: string): NextRequest {
  return new NextRequest("http://localhost/api/metrics/chats.total", {
    headers: cookie ? { cookie } : {},
  });
}

const handler = withSession(async (_req, _ctx: unknown, session) =>
  Response.json({ user: session.user?.name }),
);

describe("withSession", () => {
  beforeEach(() => getServerSession.mockReset());

  it("answers 401 without a session cookie and never asks next-auth", async () => {
    const res = await handler(request(), {});
    expect(res.status).toBe(401);
    expect(getServerSession).not.toHaveBeenCalled();
  });

  it("verifies a cookie once and remembers it, although route handlers get no `expires`", async () => {
    // What getServerSession returns in a route handler: next-auth deletes `expires` there.
    getServerSession.mockResolvedValue({ user: { name: "Olivia" }, userId: "demo:olivia" });
    const cookie = "next-auth.session-token=remembered-cookie";
    for (let i = 0; i < 5; i++) {
      const res = await handler(request(cookie), {});
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ user: "Olivia" });
    }
    expect(getServerSession).toHaveBeenCalledTimes(1);
  });

  it("never remembers a refused cookie, and a changed cookie is verified again", async () => {
    getServerSession.mockResolvedValue(null);
    const forged = "next-auth.session-token=forged";
    expect((await handler(request(forged), {})).status).toBe(401);
    expect((await handler(request(forged), {})).status).toBe(401);
    expect(getServerSession).toHaveBeenCalledTimes(2);

    getServerSession.mockResolvedValue({ user: { name: "Ann" } });
    expect((await handler(request("next-auth.session-token=other"), {})).status).toBe(200);
    expect(getServerSession).toHaveBeenCalledTimes(3);
  });

  it("forgets a verified session after 10 s", async () => {
    vi.useFakeTimers();
    try {
      getServerSession.mockResolvedValue({ user: { name: "Olivia" } });
      const cookie = "next-auth.session-token=ten-seconds";
      await handler(request(cookie), {});
      vi.advanceTimersByTime(9_000);
      await handler(request(cookie), {});
      expect(getServerSession).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(2_000);
      await handler(request(cookie), {});
      expect(getServerSession).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
