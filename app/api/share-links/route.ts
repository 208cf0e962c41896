// GET  /api/share-links – the signed-in user's share links, newest first: `{ links }`.
// POST /api/share-links – creates one from `{ scope, expiresInDays?, password? }`:
//      201 `{ link, url }`; `url` (`/share/<token>`) is the only time the token is returned.
//      400 malformed body, 422 well-formed but unacceptable values (e.g. from after to).
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { createShareLink, listShareLinks } from "@/lib/share/links";
import { checkInput, createShareLinkInputSchema } from "@/lib/share/scope";
import { creatorOf, readJson } from "./request";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (_request, _context, session) => {
  const links = await listShareLinks(creatorOf(session).id);
  return NextResponse.json({ links }, { headers: NO_STORE });
});

export const POST = withSession<unknown>(async (request, _context, session) => {
  const creator = creatorOf(session);
  const input = checkInput(createShareLinkInputSchema, await readJson(request));
  if (!input.ok) {
    throw input.kind === "malformed"
      ? new ApiHttpError(400, "invalid_parameter", input.message)
      : new ApiHttpError(422, "invalid_share_link", input.message);
  }
  const { link, url } = await createShareLink(creator, input.value);
  return NextResponse.json({ link, url }, { status: 201, headers: NO_STORE });
});
