// GET  /api/boards – the signed-in user's TV boards, newest first: `{ boards }`.
// POST /api/boards – creates one from `{ name, source, group?, tiles }`: 201 `{ board }`;
//      400 malformed body, 422 unacceptable values (e.g. a goal pointing the wrong way).
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { checkBody, ownerOf } from "@/lib/screens/http";
import { boardInputSchema } from "@/lib/screens/schema";
import { appScreenService } from "@/lib/screens/service";
import { readJson } from "../share-links/request";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (_request, _context, session) => {
  const boards = await (await appScreenService()).listBoards(ownerOf(session));
  return NextResponse.json({ boards }, { headers: NO_STORE });
});

export const POST = withSession<unknown>(async (request, _context, session) => {
  const owner = ownerOf(session);
  const input = checkBody(boardInputSchema, await readJson(request), "invalid_board");
  const board = await (await appScreenService()).createBoard(owner, input);
  return NextResponse.json({ board }, { status: 201, headers: NO_STORE });
});
