// PATCH  /api/screens/{id} – changes one or more of `{ name, boardIds, rotationSeconds,
//        refreshSeconds, theme, quietHours }` (intervals clamped up to the minimum; the TV
//        picks the change up at its next refresh, its link stays valid): `{ screen }`;
//        400 malformed, 422 unacceptable values or boards that are not yours, 404 not yours,
//        409 `screen_revoked`.
// DELETE /api/screens/{id} – revokes the screen at once (its TV is refused from its next
//        refresh on): 204; 404 when it is not yours. Idempotent.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { getConfig } from "@/lib/env";
import { checkBody, idParam, ownerOf } from "@/lib/screens/http";
import { screenPatchSchema } from "@/lib/screens/schema";
import { appScreenService } from "@/lib/screens/service";
import { readJson } from "../../share-links/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PATCH = withSession<Context>(async (request, context, session) => {
  const id = await idParam(context);
  const owner = ownerOf(session);
  const schema = screenPatchSchema(getConfig().screenMinRefreshSeconds);
  const patch = checkBody(schema, await readJson(request), "invalid_screen");
  const result = await (await appScreenService()).updateScreen(id, owner, patch);
  if (!result.ok) {
    if (result.reason === "unknown_boards") {
      throw new ApiHttpError(
        422,
        "invalid_screen",
        `boardIds: not boards of yours: ${result.boardIds.join(", ")}`,
      );
    }
    throw result.reason === "revoked"
      ? new ApiHttpError(409, "screen_revoked", "A revoked screen cannot be changed.")
      : new ApiHttpError(404, "not_found", "No such screen of yours.");
  }
  return NextResponse.json({ screen: result.screen }, { headers: NO_STORE });
});

export const DELETE = withSession<Context>(async (_request, context, session) => {
  const id = await idParam(context);
  const screen = await (await appScreenService()).revokeScreen(id, ownerOf(session));
  if (screen === null) throw new ApiHttpError(404, "not_found", "No such screen of yours.");
  return new NextResponse(null, { status: 204, headers: NO_STORE });
});
