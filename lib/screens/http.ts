/**
 * Request helpers of the board and screen routes (server only): who owns them, body checks
 * with our 400/422 split, and the answers to a refused screen token.
 */
import "server-only";
import type { Session } from "next-auth";
import type { z } from "zod";
import { ApiHttpError } from "@/lib/api/errors";
import { checkInput } from "@/lib/share/scope";
import { getSourcesInfo } from "@/lib/sources";
import { entityIdSchema } from "./schema";
import type { BoardView, ScreenRefusal } from "./service";

/** The owner of boards and screens: the session's stable user id (401 when it has none). */
export function ownerOf(session: Session): string {
  const id = session.userId;
  if (!id) throw new ApiHttpError(401, "unauthenticated", "Sign in again to manage screens.");
  return id;
}

/**
 * Validates a body with `schema`. @throws ApiHttpError 400 `invalid_parameter` for a shape
 * error, 422 `code` when the shape is right but a value is not acceptable.
 */
export function checkBody<S extends z.ZodType>(schema: S, raw: unknown, code: string): z.output<S> {
  const input = checkInput(schema, raw);
  if (input.ok) return input.value;
  throw input.kind === "malformed"
    ? new ApiHttpError(400, "invalid_parameter", input.message)
    : new ApiHttpError(422, code, input.message);
}

/** A board or screen id from the path (400 otherwise). */
export async function idParam(context: { params: Promise<{ id: string }> }): Promise<string> {
  const { id } = await context.params;
  if (!entityIdSchema.safeParse(id).success) {
    throw new ApiHttpError(400, "invalid_parameter", "id must be a board or screen id");
  }
  return id;
}

/**
 * The answer to a refused screen token: 401 when it is not a valid token of ours, 410 when
 * it was valid but the screen was revoked, its token rotated or the screen is gone — the TV
 * should stop and show "this screen was switched off" instead of retrying.
 */
export function screenRefused(reason: ScreenRefusal): ApiHttpError {
  switch (reason) {
    case "invalid":
      return new ApiHttpError(401, "invalid_screen_token", "This screen link is not valid.");
    case "revoked":
      return new ApiHttpError(410, "screen_revoked", "This screen was switched off by its owner.");
    case "stale_version":
      return new ApiHttpError(
        410,
        "screen_token_replaced",
        "This screen link was replaced by a newer one.",
      );
    case "not_found":
      return new ApiHttpError(410, "screen_not_found", "This screen no longer exists.");
  }
}

/**
 * The names of the boards' teams, `"<source>:<team id>" → name`, for the TV's header. A team
 * its source no longer lists, or a source that cannot be asked right now, is left out (the
 * TV then says "team <id>"): names are a courtesy, never a reason to fail a screen.
 */
export async function screenTeamNames(
  boards: readonly BoardView[],
): Promise<Record<string, string>> {
  const wanted = boards.filter((b) => b.group !== null && b.source !== "all");
  if (wanted.length === 0) return {};
  try {
    const info = await getSourcesInfo();
    const names: Record<string, string> = {};
    for (const board of wanted) {
      const team = info.sources
        .find((s) => s.id === board.source)
        ?.teams.find((t) => t.id === board.group);
      if (team) names[`${board.source}:${team.id}`] = team.name;
    }
    return names;
  } catch {
    return {};
  }
}
