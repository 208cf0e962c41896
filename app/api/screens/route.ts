// GET  /api/screens – the signed-in user's screens, newest first, with their heartbeat
//      (lastSeenAt, lastVersion, lastErrors) and status: `{ screens }`. Never a token.
// POST /api/screens – creates one from `{ name, boardIds, rotationSeconds?, refreshSeconds?,
//      theme?, quietHours? }`: 201 `{ screen, url }`; `url` (`/tv/<token>`) is the only time
//      the token is returned. Intervals below CHATLENS_SCREEN_MIN_REFRESH_SECONDS are clamped
//      up to it. 400 malformed body, 422 unacceptable values or boards that are not yours.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { getConfig } from "@/lib/env";
import { checkBody, ownerOf } from "@/lib/screens/http";
import { screenInputSchema } from "@/lib/screens/schema";
import { appScreenService } from "@/lib/screens/service";
import { readJson } from "../share-links/request";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (_request, _context, session) => {
  const screens = await (await appScreenService()).listScreens(ownerOf(session));
  return NextResponse.json({ screens }, { headers: NO_STORE });
});

export const POST = withSession<unknown>(async (request, _context, session) => {
  const owner = ownerOf(session);
  const schema = screenInputSchema(getConfig().screenMinRefreshSeconds);
  const input = checkBody(schema, await readJson(request), "invalid_screen");
  const created = await (await appScreenService()).createScreen(owner, input);
  if (!created.ok) {
    throw new ApiHttpError(
      422,
      "invalid_screen",
      `boardIds: not boards of yours: ${created.boardIds.join(", ")}`,
    );
  }
  return NextResponse.json(
    { screen: created.screen, url: created.url },
    { status: 201, headers: NO_STORE },
  );
});
