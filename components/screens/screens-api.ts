/**
 * The browser side of the board and screen API: query options for the two lists and the
 * requests that change them. Failures throw `ApiError` with our envelope's code and message
 * (`{ error: { code, message } }`), so the UI shows the server's own words (422, 409).
 */
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/queries/metrics";
import { absoluteUrl, requestJson } from "@/lib/queries/request-json";
import type { BoardInput, ScreenInput } from "@/lib/screens/schema";
import type { BoardView, ScreenStatus, ScreenView } from "@/lib/screens/service";

export type { BoardView, ScreenStatus, ScreenView };

/** How often the screen list (and so each TV's status) is refreshed, ms. */
export const SCREENS_REFETCH_MS = 30_000;

/** A screen with its link, as just created or given a new link: the only time it is known. */
export interface IssuedScreen {
  screen: ScreenView;
  /** Absolute: this origin + `/tv/<token>`. */
  url: string;
}

const item = (kind: "boards" | "screens", id: string) => `/api/${kind}/${encodeURIComponent(id)}`;

function absolute(issued: { screen: ScreenView; url: string }): IssuedScreen {
  return { screen: issued.screen, url: absoluteUrl(issued.url) };
}

/** The signed-in user's boards, newest first (`GET /api/boards`). */
export function boardsQueryOptions() {
  return queryOptions({
    queryKey: ["/api", "boards"] as const,
    queryFn: ({ signal }) => getJson<{ boards: BoardView[] }>("/api/boards", signal),
  });
}

/** The signed-in user's screens with their live status, refetched every 30 s (`GET /api/screens`). */
export function screensQueryOptions() {
  return queryOptions({
    queryKey: ["/api", "screens"] as const,
    queryFn: ({ signal }) => getJson<{ screens: ScreenView[] }>("/api/screens", signal),
    refetchInterval: SCREENS_REFETCH_MS,
  });
}

/** `POST /api/boards` → the stored board; 422 `invalid_board` with the reason. */
export async function createBoardRequest(input: BoardInput): Promise<BoardView> {
  return (await requestJson<{ board: BoardView }>("POST", "/api/boards", input)).board;
}

/** `PATCH /api/boards/{id}` with every field of the editor → the stored board. */
export async function updateBoardRequest(id: string, input: BoardInput): Promise<BoardView> {
  return (await requestJson<{ board: BoardView }>("PATCH", item("boards", id), input)).board;
}

/** `DELETE /api/boards/{id}`; 409 `board_in_use` names the screens that show it. */
export async function deleteBoardRequest(id: string): Promise<void> {
  await requestJson<void>("DELETE", item("boards", id));
}

/** `POST /api/screens` → the screen (intervals as stored, maybe raised) and its TV link. */
export async function createScreenRequest(input: ScreenInput): Promise<IssuedScreen> {
  return absolute(
    await requestJson<{ screen: ScreenView; url: string }>("POST", "/api/screens", input),
  );
}

/** `PATCH /api/screens/{id}` → the stored screen; the TV's link stays valid. */
export async function updateScreenRequest(id: string, input: ScreenInput): Promise<ScreenView> {
  return (await requestJson<{ screen: ScreenView }>("PATCH", item("screens", id), input)).screen;
}

/** `DELETE /api/screens/{id}`: revokes; the TV blanks at its next refresh. */
export async function revokeScreenRequest(id: string): Promise<void> {
  await requestJson<void>("DELETE", item("screens", id));
}

/** `POST /api/screens/{id}/token`: a new link; the old one stops at the TV's next refresh. */
export async function newScreenLinkRequest(id: string): Promise<IssuedScreen> {
  return absolute(
    await requestJson<{ screen: ScreenView; url: string }>("POST", `${item("screens", id)}/token`),
  );
}
