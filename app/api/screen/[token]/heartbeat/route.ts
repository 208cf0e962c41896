// POST /api/screen/{token}/heartbeat – a TV reports it is alive, with no session:
//      `{ version, errors? }` (≤ 20 errors of ≤ 300 characters). 204; 400/422 bad body;
//      401/410 refused token as GET /api/screen/{token} (the TV should stop then).
import { NextResponse, type NextRequest } from "next/server";
import { NO_STORE, toErrorResponse } from "@/lib/api/errors";
import { checkBody, screenRefused } from "@/lib/screens/http";
import { heartbeatInputSchema } from "@/lib/screens/schema";
import { appScreenService } from "@/lib/screens/service";
import { readJson } from "../../../share-links/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  try {
    const { token } = await context.params;
    const input = checkBody(heartbeatInputSchema, await readJson(request), "invalid_heartbeat");
    const result = await (await appScreenService()).recordHeartbeat(token, input);
    if (!result.ok) throw screenRefused(result.reason);
    return new NextResponse(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
