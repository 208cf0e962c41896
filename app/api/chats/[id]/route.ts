// GET /api/chats/{id} – one chat with its transcript (LiveChat GET /chats/<id>).
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { chatId, parseQuery, transcriptQuery } from "@/lib/api/view-params";
import { withSession } from "@/lib/api/with-session";
import { getTranscript } from "@/lib/views/service";

export const dynamic = "force-dynamic";

export const GET = withSession<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const validId = chatId.safeParse(id);
  if (!validId.success)
    throw new ApiHttpError(400, "invalid_parameter", validId.error.issues[0]!.message);
  const parsed = parseQuery(transcriptQuery, request.nextUrl.searchParams);
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return NextResponse.json(await getTranscript(validId.data, parsed.value), { headers: NO_STORE });
});
