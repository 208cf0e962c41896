// GET /api/share/{token}/chats – never shared: share links have no drill-down into the chat
// archive. 403 not_allowed_by_link for a valid link (404/410 otherwise).
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint(() => ({ kind: "archive" }));
