"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { PRIMARY } from "@/components/ui/button-styles";
import { ConfirmAction } from "@/components/ui/confirm-action";
import {
  ListRowError,
  ListRowPanel,
  ListRowToggle,
  ListStates,
  ListTable,
} from "@/components/ui/list-states";
import { formatDateTime } from "@/lib/format";
import { IssuedScreenPanel } from "./issued-link";
import { ScreenEditor } from "./screen-editor";
import { formatInterval, newestFirst, relativeTime, STATUS_LABELS } from "./screen-model";
import {
  boardsQueryOptions,
  newScreenLinkRequest,
  revokeScreenRequest,
  screensQueryOptions,
  type BoardView,
  type IssuedScreen,
  type ScreenStatus,
  type ScreenView,
} from "./screens-api";
import { SectionFrame } from "./section-frame";

const STATUS_CLASS: Record<ScreenStatus, string> = {
  online: "bg-accent-soft text-positive",
  offline: "bg-danger-soft text-negative",
  never_seen: "bg-surface-2 text-muted",
  revoked: "bg-surface-2 text-muted line-through decoration-1",
};

const STATUS_DOT: Record<ScreenStatus, string> = {
  online: "bg-positive",
  offline: "bg-negative",
  never_seen: "border border-line-strong",
  revoked: "bg-line-strong",
};

/**
 * The Screens section: New screen (disabled until a board exists), the link panel after
 * creating one, and the list of screens with their live status (refetched every 30 s), last
 * contact, app version, reported errors, and Edit / New link / Revoke.
 */
export function ScreensSection({ timeZone }: { timeZone: string }) {
  const hintId = useId();
  const boardsResult = useQuery(boardsQueryOptions());
  const result = useQuery(screensQueryOptions());
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedScreen | null>(null);
  const boards = boardsResult.data?.boards ?? [];
  const noBoards = boardsResult.isSuccess && boards.length === 0;
  const screens = result.data?.screens;

  return (
    <SectionFrame
      title="Screens"
      description="A screen is one TV: it opens a link (no sign-in) and shows its boards in rotation."
      action={
        <button
          type="button"
          className={PRIMARY}
          disabled={creating || !boardsResult.isSuccess || noBoards}
          aria-describedby={noBoards ? hintId : undefined}
          onClick={() => {
            setIssued(null);
            setCreating(true);
          }}
        >
          New screen
        </button>
      }
    >
      {noBoards && (
        <p id={hintId} className="text-sm text-muted" data-testid="screens-need-board">
          Create a board first: a screen shows one or more boards.
        </p>
      )}
      {creating && (
        <ScreenEditor
          screen={null}
          boards={boards}
          timeZone={timeZone}
          onCreated={(created) => {
            setCreating(false);
            setIssued(created);
          }}
          onSaved={() => setCreating(false)}
          onCancel={() => setCreating(false)}
        />
      )}
      {issued && (
        <IssuedScreenPanel issued={issued} renewed={false} onDismiss={() => setIssued(null)} />
      )}
      <ListStates
        query={result}
        items={screens}
        emptyTestId="screens-empty"
        empty={
          noBoards
            ? "No screens yet. Create a board above, then a screen to show it on a TV."
            : "No screens yet. Use New screen, then open its link on the TV (or scan its QR code)."
        }
      >
        {(screens) => (
          <ListTable
            testId="screens"
            caption="Your screens, newest first; the status is refreshed every 30 seconds"
            columns={["Screen", "Status", "Last contact", "App version", "Errors"]}
          >
            {screens.map((screen) => (
              <ScreenRow
                key={screen.id}
                screen={screen}
                boards={boards}
                timeZone={timeZone}
                now={result.dataUpdatedAt}
                onLinkGone={() => {
                  // The link shown above died with this change: don't leave it on screen.
                  if (issued?.screen.id === screen.id) setIssued(null);
                }}
              />
            ))}
          </ListTable>
        )}
      </ListStates>
    </SectionFrame>
  );
}

type Action = "none" | "edit" | "link" | "revoke";

function ScreenRow({
  screen,
  boards,
  timeZone,
  now,
  onLinkGone,
}: {
  screen: ScreenView;
  boards: BoardView[];
  timeZone: string;
  /** When the list was fetched (epoch ms): relative times are counted from it. */
  now: number;
  /** Called once the screen's current link stopped working (revoked or replaced). */
  onLinkGone: () => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [action, setAction] = useState<Action>("none");
  const [issued, setIssued] = useState<IssuedScreen | null>(null);
  const [saved, setSaved] = useState<ScreenView | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: screensQueryOptions().queryKey });
  const revoke = useMutation({
    mutationFn: () => revokeScreenRequest(screen.id),
    onSuccess: async () => {
      setAction("none");
      setIssued(null);
      onLinkGone();
      await refresh();
    },
  });
  const renew = useMutation({
    mutationFn: () => newScreenLinkRequest(screen.id),
    onSuccess: async (fresh) => {
      setAction("none");
      setIssued(fresh);
      onLinkGone();
      await refresh();
    },
  });
  const names = new Map(boards.map((b) => [b.id, b.name]));
  const revoked = screen.status === "revoked";
  const errors = newestFirst(screen.lastErrors);
  const error = revoke.error ?? renew.error;
  const toggle = (next: Action) => {
    revoke.reset();
    renew.reset();
    setSaved(null);
    setAction(action === next ? "none" : next);
  };
  const quiet = screen.quietHours;

  return (
    <>
      <tr
        className="border-t border-line align-top"
        data-testid="screen-row"
        data-screen-id={screen.id}
        data-status={screen.status}
      >
        <th scope="row" className="px-3 py-2 text-left font-normal">
          <span className="font-medium">{screen.name}</span>
          <span className="block text-xs text-muted">
            Boards: {screen.boardIds.map((b) => names.get(b) ?? "a deleted board").join(" → ")}
          </span>
          <span className="block text-xs text-muted">
            Rotates every {formatInterval(screen.rotationSeconds)} · refreshes every{" "}
            {formatInterval(screen.refreshSeconds)} · {screen.theme === "dark" ? "Dark" : "Light"}
          </span>
          <span className="block text-xs text-muted">
            {quiet ? `Quiet ${quiet.from}–${quiet.to} (${quiet.tz})` : "No quiet hours"}
          </span>
        </th>
        <td className="px-3 py-2">
          <span
            className={`inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_CLASS[screen.status]}`}
            data-testid="screen-status"
          >
            <span
              aria-hidden="true"
              className={`size-2 rounded-full ${STATUS_DOT[screen.status]}`}
            />
            {STATUS_LABELS[screen.status]}
          </span>
          {revoked && screen.revokedAt && (
            <span className="block pt-1 text-xs text-muted">
              {formatDateTime(screen.revokedAt, timeZone)}
            </span>
          )}
        </td>
        <td className="px-3 py-2 whitespace-nowrap">
          {screen.lastSeenAt === null ? (
            <span className="text-muted">Never</span>
          ) : (
            <time dateTime={screen.lastSeenAt} title={formatDateTime(screen.lastSeenAt, timeZone)}>
              {relativeTime(screen.lastSeenAt, now)}
            </time>
          )}
        </td>
        <td className="px-3 py-2 font-mono text-xs">{screen.lastVersion ?? "—"}</td>
        <td className="px-3 py-2">
          {errors.length === 0 ? (
            <span className="text-muted">None</span>
          ) : (
            <details>
              <summary className="cursor-pointer text-negative">
                {errors.length} {errors.length === 1 ? "error" : "errors"}
              </summary>
              <ul className="flex max-w-md flex-col gap-1 pt-1 text-xs">
                {errors.map((e, i) => (
                  <li key={`${e.at}-${i}`}>
                    <time dateTime={e.at} className="text-muted tabular-nums">
                      {formatDateTime(e.at, timeZone)}
                    </time>{" "}
                    {e.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </td>
        <td className="px-3 py-2">
          {!revoked && (
            <div className="flex flex-wrap gap-2">
              <ListRowToggle
                expanded={action === "edit"}
                controls={`${id}-panel`}
                onClick={() => toggle("edit")}
              >
                Edit<span className="sr-only"> screen {screen.name}</span>
              </ListRowToggle>
              <ListRowToggle
                expanded={action === "link"}
                controls={`${id}-panel`}
                onClick={() => toggle("link")}
              >
                New link<span className="sr-only"> for {screen.name}</span>
              </ListRowToggle>
              <ListRowToggle
                expanded={action === "revoke"}
                controls={`${id}-panel`}
                onClick={() => toggle("revoke")}
              >
                Revoke<span className="sr-only"> screen {screen.name}</span>
              </ListRowToggle>
            </div>
          )}
        </td>
      </tr>
      {(action !== "none" || issued !== null || saved !== null || error) && (
        <ListRowPanel id={`${id}-panel`} colSpan={6}>
          {action === "edit" && !revoked && (
            <div className="pt-2">
              <ScreenEditor
                screen={screen}
                boards={boards}
                timeZone={timeZone}
                onCreated={() => setAction("none")}
                onSaved={(stored) => {
                  setAction("none");
                  setSaved(stored);
                }}
                onCancel={() => setAction("none")}
              />
            </div>
          )}
          {action === "revoke" && (
            <ConfirmAction
              label={`Confirm revoking ${screen.name}`}
              message={
                <>
                  Revoke “{screen.name}”? Its link stops working and the TV blanks at its next
                  refresh (within {formatInterval(screen.refreshSeconds)}). This cannot be undone.
                </>
              }
              action="Revoke screen"
              pendingAction="Revoking…"
              pending={revoke.isPending}
              onConfirm={() => revoke.mutate()}
              onCancel={() => setAction("none")}
            />
          )}
          {action === "link" && (
            <ConfirmAction
              label={`Confirm a new link for ${screen.name}`}
              message={
                <>
                  Make a new link for “{screen.name}”? The current link stops working at the TV’s
                  next refresh (within {formatInterval(screen.refreshSeconds)}): you then open the
                  new link on the TV.
                </>
              }
              action="Make a new link"
              pendingAction="Making a new link…"
              pending={renew.isPending}
              onConfirm={() => renew.mutate()}
              onCancel={() => setAction("none")}
            />
          )}
          {issued !== null && action === "none" && (
            <div className="pt-2">
              <IssuedScreenPanel issued={issued} renewed onDismiss={() => setIssued(null)} />
            </div>
          )}
          {saved !== null && action === "none" && (
            <p role="status" className="pt-2 text-sm text-positive">
              Saved. The TV picks the change up at its next refresh; it now rotates every{" "}
              {formatInterval(saved.rotationSeconds)} and refreshes every{" "}
              {formatInterval(saved.refreshSeconds)}.
            </p>
          )}
          {error && <ListRowError error={error} />}
        </ListRowPanel>
      )}
    </>
  );
}
