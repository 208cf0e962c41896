// POST /api/screens/{id}/token – issues a new token (the old one is refused from the TV's
//      next refresh on): `{ screen, url }` with the new `/tv/<token>`; 404 not yours,
//      409 `screen_revoked` for a revoked screen (create a new one).
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { idParam, ownerOf } from "@/lib/screens/http";
import { appScreenService } from "@/lib/screens/service";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = withSession<Context>(async (_request, context, session) => {
  const id = await idParam(context);
  const rotated = await (await appScreenService()).rotateScreenToken(id, ownerOf(session));
  if (!rotated.ok) {
    throw rotated.reason === "revoked"
      ? new ApiHttpError(409, "screen_revoked", "A revoked screen cannot get a new link.")
      : new ApiHttpError(404, "not_found", "No such screen of yours.");
  }
  return NextResponse.json({ screen: rotated.screen, url: rotated.url }, { headers: NO_STORE });
});
