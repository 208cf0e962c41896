"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, Skeleton, WidgetError } from "@/components/ui/widget-states";
import { formatDateTime } from "@/lib/format";
import { METRICS } from "@/lib/metrics/definitions";
import type { SourcesResponse } from "@/lib/metrics/types";
import { BoardEditor } from "./board-editor";
import { goalSummary, RANGE_LABELS, sourceLabel, teamLabel } from "./board-model";
import { boardsQueryOptions, deleteBoardRequest, type BoardView } from "./screens-api";
import { BUTTON, DANGER, PRIMARY } from "./styles";

/** Which board the editor is open for: none, a new one, or one by id. */
type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; id: string };

/**
 * The Boards section: the user's boards (name, source and team, range, tiles with goals) with
 * New board, Edit and Delete (confirm first; a board shown on a screen is refused with the
 * server's 409 message naming the screens).
 */
export function BoardsSection({ sources }: { sources: SourcesResponse | null }) {
  const headingId = useId();
  const result = useQuery(boardsQueryOptions());
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [saved, setSaved] = useState<string | null>(null);
  const timeZone = sources?.timezone ?? "UTC";
  const boards = result.data?.boards;
  const close = (board?: BoardView) => {
    setEditing({ kind: "none" });
    setSaved(board ? `Board “${board.name}” saved.` : null);
  };

  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            Boards
          </h2>
          <p className="text-sm text-muted">
            A board is one TV layout: large tiles of chosen metrics for one source and team, with
            optional goals that colour them green, amber or red.
          </p>
        </div>
        <button
          type="button"
          className={PRIMARY}
          disabled={editing.kind === "new"}
          onClick={() => {
            setSaved(null);
            setEditing({ kind: "new" });
          }}
        >
          New board
        </button>
      </div>
      {saved && (
        <p role="status" className="text-sm text-positive">
          {saved}
        </p>
      )}
      {editing.kind === "new" && (
        <BoardEditor board={null} sources={sources} onDone={close} onCancel={() => close()} />
      )}
      {result.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-2">
          <span className="sr-only">Loading…</span>
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : result.isError ? (
        <WidgetError
          error={result.error}
          onRetry={() => void result.refetch()}
          retrying={result.isFetching}
        />
      ) : boards === undefined || boards.length === 0 ? (
        editing.kind !== "new" && (
          <p className="py-6 text-center text-sm text-muted" data-testid="boards-empty">
            No boards yet. Start here: use <strong>New board</strong> to pick the metrics a TV
            should show, then create a screen below to put it on a TV.
          </p>
        )
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="boards">
            <caption className="sr-only">Your boards, newest first</caption>
            <thead className="bg-surface-2 text-xs text-muted">
              <tr>
                {["Board", "Source and team", "Range", "Tiles", "Updated"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
                    {h}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {boards.map((board) =>
                editing.kind === "edit" && editing.id === board.id ? (
                  <tr key={board.id} className="border-t border-line">
                    <td colSpan={6} className="p-2">
                      <BoardEditor
                        board={board}
                        sources={sources}
                        onDone={close}
                        onCancel={() => close()}
                      />
                    </td>
                  </tr>
                ) : (
                  <BoardRow
                    key={board.id}
                    board={board}
                    sources={sources}
                    timeZone={timeZone}
                    onEdit={() => {
                      setSaved(null);
                      setEditing({ kind: "edit", id: board.id });
                    }}
                  />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BoardRow({
  board,
  sources,
  timeZone,
  onEdit,
}: {
  board: BoardView;
  sources: SourcesResponse | null;
  timeZone: string;
  onEdit: () => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteBoardRequest(board.id),
    onSuccess: async () => {
      setConfirming(false);
      await client.invalidateQueries({ queryKey: boardsQueryOptions().queryKey });
    },
  });
  return (
    <>
      <tr
        className="border-t border-line align-top"
        data-testid="board-row"
        data-board-id={board.id}
      >
        <th scope="row" className="px-3 py-2 text-left font-medium">
          {board.name}
        </th>
        <td className="px-3 py-2">
          {sourceLabel(board.source)}
          <span className="block text-xs text-muted">
            {board.source === "all" ? "All teams" : teamLabel(board.source, board.group, sources)}
          </span>
        </td>
        <td className="px-3 py-2 whitespace-nowrap">{RANGE_LABELS[board.range]}</td>
        <td className="px-3 py-2">
          <ol className="flex flex-col gap-0.5">
            {board.tiles.map((tile) => {
              const goal = goalSummary(tile);
              return (
                <li key={tile.metric}>
                  {METRICS[tile.metric].label}
                  {goal && <span className="text-xs text-muted"> — goal: {goal}</span>}
                </li>
              );
            })}
          </ol>
        </td>
        <td className="px-3 py-2 whitespace-nowrap tabular-nums">
          {formatDateTime(board.updatedAt, timeZone)}
        </td>
        <td className="px-3 py-2">
          <div className="flex flex-wrap gap-2">
            <button type="button" className={BUTTON} onClick={onEdit}>
              Edit<span className="sr-only"> board {board.name}</span>
            </button>
            <button
              type="button"
              className={BUTTON}
              aria-expanded={confirming}
              aria-controls={`${id}-panel`}
              onClick={() => {
                remove.reset();
                setConfirming(!confirming);
              }}
            >
              Delete<span className="sr-only"> board {board.name}</span>
            </button>
          </div>
        </td>
      </tr>
      {(confirming || remove.isError) && (
        <tr className="bg-surface-2/50">
          <td colSpan={6} className="px-3 pb-3" id={`${id}-panel`}>
            {confirming && (
              <div
                className="flex flex-wrap items-center gap-3 pt-2"
                role="group"
                aria-label={`Confirm deleting ${board.name}`}
              >
                <p className="text-sm">Delete the board “{board.name}”? This cannot be undone.</p>
                <button
                  type="button"
                  className={DANGER}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate()}
                >
                  {remove.isPending ? "Deleting…" : "Delete board"}
                </button>
                <button type="button" className={BUTTON} onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            )}
            {remove.isError && (
              <p role="alert" className="pt-2 text-sm text-negative" data-testid="board-error">
                Could not delete the board: {errorMessage(remove.error)}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
