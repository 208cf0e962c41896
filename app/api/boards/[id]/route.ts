// PATCH  /api/boards/{id} – changes name, source, group, range and/or tiles: `{ board }`; 404
//        when it is not yours; 422 when a tile is not available from the (new) source. A new
//        source without a group resets the team to all teams.
// DELETE /api/boards/{id} – 204; 404 not yours; 409 `board_in_use` while a screen that is
//        not revoked shows it (the message names those screens).
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { checkBody, idParam, ownerOf } from "@/lib/screens/http";
import { boardPatchSchema } from "@/lib/screens/schema";
import { appScreenService } from "@/lib/screens/service";
import { readJson } from "../../share-links/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const notFound = () => new ApiHttpError(404, "not_found", "No such board of yours.");

export const PATCH = withSession<Context>(async (request, context, session) => {
  const id = await idParam(context);
  const owner = ownerOf(session);
  const patch = checkBody(boardPatchSchema, await readJson(request), "invalid_board");
  const result = await (await appScreenService()).updateBoard(id, owner, patch);
  if (!result.ok) {
    throw result.reason === "invalid"
      ? new ApiHttpError(422, "invalid_board", result.message)
      : notFound();
  }
  return NextResponse.json({ board: result.board }, { headers: NO_STORE });
});

export const DELETE = withSession<Context>(async (_request, context, session) => {
  const id = await idParam(context);
  const result = await (await appScreenService()).deleteBoard(id, ownerOf(session));
  if (!result.ok) {
    if (result.reason === "in_use") {
      const names = result.screens.map((s) => `"${s.name}"`).join(", ");
      throw new ApiHttpError(409, "board_in_use", `Shown on ${names}: remove it there first.`);
    }
    throw notFound();
  }
  return new NextResponse(null, { status: 204, headers: NO_STORE });
});
