// GET /api/chats – one page of the chat archive (LiveChat GET /chats), optionally one hour of one day.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { chatListQuery, parseQuery } from "@/lib/api/view-params";
import { withSession } from "@/lib/api/with-session";
import { getChatList } from "@/lib/views/service";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (request) => {
  const parsed = parseQuery(chatListQuery, request.nextUrl.searchParams);
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return NextResponse.json(await getChatList(parsed.value), { headers: NO_STORE });
});
