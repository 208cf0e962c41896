// DELETE /api/screens/{id} – revokes the screen at once (its TV is refused from its next
//        refresh on): 204; 404 when it is not yours. Idempotent.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { idParam, ownerOf } from "@/lib/screens/http";
import { appScreenService } from "@/lib/screens/service";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const DELETE = withSession<Context>(async (_request, context, session) => {
  const id = await idParam(context);
  const screen = await (await appScreenService()).revokeScreen(id, ownerOf(session));
  if (screen === null) throw new ApiHttpError(404, "not_found", "No such screen of yours.");
  return new NextResponse(null, { status: 204, headers: NO_STORE });
});
