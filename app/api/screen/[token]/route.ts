// GET /api/screen/{token} – what a TV needs to render, with no session: `{ screen, boards,
//     teams, appVersion }` (rotation and refresh in seconds, theme, quiet hours; the boards
//     in rotation order; their teams' names by `"<source>:<id>"`; the build the server runs,
//     so a TV reloads itself after a deploy).
//     401 `invalid_screen_token`; 410 `screen_revoked` / `screen_token_replaced` /
//     `screen_not_found`. The token is the credential: it is never logged.
import { NextResponse, type NextRequest } from "next/server";
import { NO_STORE, toErrorResponse } from "@/lib/api/errors";
import { screenRefused, screenTeamNames } from "@/lib/screens/http";
import { appScreenService } from "@/lib/screens/service";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export async function GET(_request: NextRequest, context: Context): Promise<Response> {
  try {
    const { token } = await context.params;
    const opened = await (await appScreenService()).openScreen(token);
    if (!opened.ok) throw screenRefused(opened.reason);
    return NextResponse.json(
      {
        screen: opened.screen,
        boards: opened.boards,
        teams: await screenTeamNames(opened.boards),
        appVersion: APP_VERSION,
      },
      // The URL is a credential: keep it out of referrers (a tile could link elsewhere).
      { headers: { ...NO_STORE, "referrer-policy": "no-referrer" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
