/**
 * Boards and screens over real HTTP: the session-checked management routes and the
 * token-scoped TV routes (no session), revocation and token rotation taking effect on the
 * TV's next request, heartbeats showing in the list, and the error envelope.
 */
import { beforeAll, describe, expect, inject, test } from "vitest";
import { LIVECHAT_SERVICE_API_KEY, LIVECHAT_SERVICE_LOGIN } from "../../simulator/accounts";
import { signIn } from "../support/app-server";

const appUrl = inject("appUrl");
let cookie = "";

beforeAll(async () => {
  const result = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  cookie = result.cookie!;
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  withCookie = true,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${appUrl}${path}`, {
    method,
    headers: {
      ...(withCookie ? { cookie } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

const board = {
  name: "Floor",
  source: "livechat",
  tiles: [
    { metric: "chats.total" },
    { metric: "chats.first_response_time", goal: { green: 30, amber: 60 } },
  ],
};

describe("boards and screens", () => {
  test("management routes need a session", async () => {
    for (const path of ["/api/boards", "/api/screens"]) {
      const res = await call("GET", path, undefined, false);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: "unauthenticated" } });
    }
  });

  test("boards: 400 malformed, 422 invalid, 201 created, listed, patched", async () => {
    expect((await call("POST", "/api/boards", { ...board, tiles: "x" })).status).toBe(400);
    const wrongGoal = { metric: "chats.first_response_time", goal: { green: 60, amber: 30 } };
    const invalid = await call("POST", "/api/boards", { ...board, tiles: [wrongGoal] });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toMatchObject({ error: { code: "invalid_board" } });
    const created = await call("POST", "/api/boards", board);
    expect(created.status).toBe(201);
    const { board: b } = created.json as { board: { id: string } };
    const list = (await call("GET", "/api/boards")).json as { boards: { id: string }[] };
    expect(list.boards.map((x) => x.id)).toContain(b.id);
    const patched = await call("PATCH", `/api/boards/${b.id}`, { name: "Renamed" });
    expect(patched).toMatchObject({ status: 200, json: { board: { name: "Renamed" } } });
    expect((await call("PATCH", `/api/boards/${"Z".repeat(22)}`, { name: "x" })).status).toBe(404);
    expect((await call("DELETE", "/api/boards/bad")).status).toBe(400);
  });

  test("a screen: created with a TV URL, opened without a session, heartbeat, rotate, revoke", async () => {
    const { board: b } = (await call("POST", "/api/boards", board)).json as {
      board: { id: string };
    };
    const unknown = await call("POST", "/api/screens", { name: "TV", boardIds: ["Z".repeat(22)] });
    expect(unknown).toMatchObject({ status: 422, json: { error: { code: "invalid_screen" } } });

    const created = await call("POST", "/api/screens", {
      name: "Lobby TV",
      boardIds: [b.id],
      refreshSeconds: 5,
    });
    expect(created.status).toBe(201);
    const { screen, url } = created.json as {
      screen: { id: string; refreshSeconds: number };
      url: string;
    };
    expect(screen.refreshSeconds).toBe(30); // clamped to the default minimum
    expect(url).toMatch(/^\/tv\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = url.slice("/tv/".length);

    const opened = await call("GET", `/api/screen/${token}`, undefined, false);
    expect(opened).toMatchObject({
      status: 200,
      json: { screen: { id: screen.id, name: "Lobby TV" }, boards: [{ id: b.id }] },
    });
    // The board cannot be deleted while the screen shows it.
    expect((await call("DELETE", `/api/boards/${b.id}`)).status).toBe(409);

    const beat = await call(
      "POST",
      `/api/screen/${token}/heartbeat`,
      { version: "tv-1.0", errors: ["boom"] },
      false,
    );
    expect(beat.status).toBe(204);
    const listed = (await call("GET", "/api/screens")).json as {
      screens: {
        id: string;
        lastVersion: string;
        lastErrors: { message: string }[];
        status: string;
      }[];
    };
    expect(listed.screens.find((s) => s.id === screen.id)).toMatchObject({
      lastVersion: "tv-1.0",
      lastErrors: [{ message: "boom" }],
      status: "online",
    });
    expect(JSON.stringify(listed)).not.toContain(token);

    const rotated = await call("POST", `/api/screens/${screen.id}/token`);
    expect(rotated.status).toBe(200);
    const newToken = (rotated.json as { url: string }).url.slice("/tv/".length);
    expect(await call("GET", `/api/screen/${token}`, undefined, false)).toMatchObject({
      status: 410,
      json: { error: { code: "screen_token_replaced" } },
    });

    // Edits reach the TV at its next request, with the same link.
    const edited = await call("PATCH", `/api/screens/${screen.id}`, {
      name: "Hall TV",
      rotationSeconds: 1,
      quietHours: { from: "22:00", to: "06:00", tz: "Europe/Warsaw" },
    });
    expect(edited).toMatchObject({
      status: 200,
      json: { screen: { name: "Hall TV", rotationSeconds: 30, refreshSeconds: 30 } },
    });
    expect(await call("PATCH", `/api/screens/${screen.id}`, {})).toMatchObject({ status: 422 });
    expect(await call("PATCH", `/api/screens/${screen.id}`, { colour: "red" })).toMatchObject({
      status: 400,
    });
    expect(
      await call("PATCH", `/api/screens/${screen.id}`, { boardIds: ["Z".repeat(22)] }),
    ).toMatchObject({ status: 422, json: { error: { code: "invalid_screen" } } });
    expect((await call("PATCH", `/api/screens/${"Z".repeat(22)}`, { name: "x" })).status).toBe(404);
    expect((await call("GET", `/api/screen/${newToken}`, undefined, false)).status).toBe(200);

    expect((await call("DELETE", `/api/screens/${screen.id}`)).status).toBe(204);
    expect(await call("GET", `/api/screen/${newToken}`, undefined, false)).toMatchObject({
      status: 410,
      json: { error: { code: "screen_revoked" } },
    });
    expect(
      (await call("POST", `/api/screen/${newToken}/heartbeat`, { version: "1" }, false)).status,
    ).toBe(410);
    expect(await call("GET", "/api/screen/not-a-token", undefined, false)).toMatchObject({
      status: 401,
      json: { error: { code: "invalid_screen_token" } },
    });
    expect((await call("DELETE", `/api/screens/${"Z".repeat(22)}`)).status).toBe(404);
  });
});

describe("a screen's tile data", () => {
  interface TileAnswer {
    from: string;
    to: string;
    granularity: string;
    total: unknown;
    previous: unknown;
    buckets: unknown[];
    status: string | null;
    todaySoFar?: { cutoff: string; previousFrom: string; previousTo: string };
  }

  async function newScreen(
    range: "today" | "last7" | "last30" = "today",
  ): Promise<{ boardId: string; screenId: string; token: string }> {
    const { board: b } = (await call("POST", "/api/boards", { ...board, range })).json as {
      board: { id: string };
    };
    const { screen, url } = (
      await call("POST", "/api/screens", { name: "Data TV", boardIds: [b.id] })
    ).json as { screen: { id: string }; url: string };
    return { boardId: b.id, screenId: screen.id, token: url.slice("/tv/".length) };
  }

  const tile = (token: string, metric: string, query: string) =>
    call("GET", `/api/screen/${token}/metrics/${metric}?${query}`, undefined, false);

  test("answers a tile with the numbers of /api/metrics for the board's source and range", async () => {
    for (const range of ["last7", "today"] as const) {
      const { boardId, token } = await newScreen(range);
      const res = await tile(token, "chats.total", `board=${boardId}&range=${range}`);
      expect(res.status).toBe(200);
      const got = res.json as TileAnswer;
      const q = `source=livechat&from=${got.from}&to=${got.to}&compare=previous`;
      const app = (await call("GET", `/api/metrics/chats.total?${q}`)).json as TileAnswer;
      expect(got.granularity).toBe(range === "today" ? "hour" : "day");
      expect(got.total).toEqual(app.total);
      expect(got.previous).toEqual(app.previous);
      expect(got.buckets).toEqual(app.buckets);
      expect(got.status).toBeNull(); // chats.total has no goal on this board
      if (range === "today") {
        expect(got.todaySoFar?.cutoff).toMatch(/^([01]\d|2[0-3]):00$/);
        expect(got.todaySoFar?.previousFrom).toBeDefined();
      } else {
        expect(got.todaySoFar).toBeUndefined();
      }
    }
    const { boardId, token } = await newScreen("today");
    const frt = await tile(token, "chats.first_response_time", `board=${boardId}&range=today`);
    expect(frt.status).toBe(200);
    expect(frt.json).toHaveProperty("todaySoFar.cutoff");
  });

  test("refuses what the screen does not show (403) and other parameters (400)", async () => {
    const { boardId, token } = await newScreen();
    const other = await newScreen();
    const refused = [
      await tile(token, "chats.total", `board=${other.boardId}&range=today`),
      await tile(token, "chats.csat", `board=${boardId}&range=today`),
      await tile(token, "chats.total", `board=${boardId}&range=thisMonth`),
      // Another preset than the board's own range.
      await tile(token, "chats.total", `board=${boardId}&range=last7`),
    ];
    for (const res of refused) {
      expect(res).toMatchObject({
        status: 403,
        json: { error: { code: "not_allowed_by_screen" } },
      });
    }
    for (const extra of ["group=2", "source=all", `board=${boardId}`]) {
      const res = await tile(token, "chats.total", `board=${boardId}&range=today&${extra}`);
      expect(res).toMatchObject({ status: 400, json: { error: { code: "invalid_parameter" } } });
    }
    expect(await tile("not-a-token", "chats.total", `board=${boardId}&range=today`)).toMatchObject({
      status: 401,
      json: { error: { code: "invalid_screen_token" } },
    });
  });

  test("a rotated token and a revoked screen stop at once (410)", async () => {
    const { boardId, screenId, token } = await newScreen("last7");
    const query = `board=${boardId}&range=last7`;
    expect((await tile(token, "chats.total", query)).status).toBe(200);
    const rotated = await call("POST", `/api/screens/${screenId}/token`);
    const newToken = (rotated.json as { url: string }).url.slice("/tv/".length);
    expect(await tile(token, "chats.total", query)).toMatchObject({
      status: 410,
      json: { error: { code: "screen_token_replaced" } },
    });
    expect((await tile(newToken, "chats.total", query)).status).toBe(200);
    expect((await call("DELETE", `/api/screens/${screenId}`)).status).toBe(204);
    expect(await tile(newToken, "chats.total", query)).toMatchObject({
      status: 410,
      json: { error: { code: "screen_revoked" } },
    });
  });
});
