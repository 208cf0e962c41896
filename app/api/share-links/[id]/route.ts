// DELETE /api/share-links/{id} – revokes the link at once: 204; 404 when it is not yours.
// PATCH  /api/share-links/{id} – renews it, `{ expiresInDays }` (1…365) from now:
//        `{ link, url }` with a new token; 404 not yours, 409 revoked. The old token keeps
//        working until the earlier of its own expiry and the new one.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { renewShareLink, revokeShareLink } from "@/lib/share/links";
import { checkInput, renewShareLinkInputSchema } from "@/lib/share/scope";
import { creatorOf, readJson } from "../request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** A link id: 16–64 base64url characters. */
async function linkIdOf(context: Context): Promise<string> {
  const { id } = await context.params;
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    throw new ApiHttpError(400, "invalid_parameter", "id must be a share link id");
  }
  return id;
}

const notFound = () => new ApiHttpError(404, "not_found", "No such share link of yours.");

export const DELETE = withSession<Context>(async (_request, context, session) => {
  const id = await linkIdOf(context);
  const link = await revokeShareLink(id, creatorOf(session).id);
  if (link === null) throw notFound();
  return new NextResponse(null, { status: 204, headers: NO_STORE });
});

export const PATCH = withSession<Context>(async (request, context, session) => {
  const id = await linkIdOf(context);
  const creator = creatorOf(session);
  const input = checkInput(renewShareLinkInputSchema, await readJson(request));
  if (!input.ok) {
    throw input.kind === "malformed"
      ? new ApiHttpError(400, "invalid_parameter", input.message)
      : new ApiHttpError(422, "invalid_share_link", input.message);
  }
  const renewed = await renewShareLink(id, creator.id, input.value.expiresInDays);
  if (!renewed.ok) {
    if (renewed.reason === "revoked") {
      throw new ApiHttpError(
        409,
        "link_revoked",
        "A revoked link cannot be renewed; create a new one.",
      );
    }
    throw notFound();
  }
  return NextResponse.json({ link: renewed.link, url: renewed.url }, { headers: NO_STORE });
});
