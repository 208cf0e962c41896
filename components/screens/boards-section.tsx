"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { BUTTON, PRIMARY } from "@/components/ui/button-styles";
import { ConfirmAction } from "@/components/ui/confirm-action";
import {
  ListRowError,
  ListRowPanel,
  ListRowToggle,
  ListStates,
  ListTable,
} from "@/components/ui/list-states";
import { formatDateTime } from "@/lib/format";
import { METRICS } from "@/lib/metrics/definitions";
import type { SourcesResponse } from "@/lib/metrics/types";
import { BoardEditor } from "./board-editor";
import { goalSummary, RANGE_LABELS, sourceLabel, teamLabel } from "./board-model";
import { boardsQueryOptions, deleteBoardRequest, type BoardView } from "./screens-api";
import { SectionFrame } from "./section-frame";

/** Which board the editor is open for: none, a new one, or one by id. */
type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; id: string };

/**
 * The Boards section: the user's boards (name, source and team, range, tiles with goals) with
 * New board, Edit and Delete (confirm first; a board shown on a screen is refused with the
 * server's 409 message naming the screens).
 */
export function BoardsSection({ sources }: { sources: SourcesResponse | null }) {
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
    <SectionFrame
      title="Boards"
      description="A board is one TV layout: large tiles of chosen metrics for one source and team, with optional goals that colour them green, amber or red."
      action={
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
      }
    >
      {saved && (
        <p role="status" className="text-sm text-positive">
          {saved}
        </p>
      )}
      {editing.kind === "new" && (
        <BoardEditor board={null} sources={sources} onDone={close} onCancel={() => close()} />
      )}
      <ListStates
        query={result}
        items={boards}
        emptyTestId="boards-empty"
        empty={
          editing.kind !== "new" && (
            <>
              No boards yet. Start here: use <strong>New board</strong> to pick the metrics a TV
              should show, then create a screen below to put it on a TV.
            </>
          )
        }
      >
        {(boards) => (
          <ListTable
            testId="boards"
            caption="Your boards, newest first"
            columns={["Board", "Source and team", "Range", "Tiles", "Updated"]}
          >
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
          </ListTable>
        )}
      </ListStates>
    </SectionFrame>
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
            <ListRowToggle
              expanded={confirming}
              controls={`${id}-panel`}
              onClick={() => {
                remove.reset();
                setConfirming(!confirming);
              }}
            >
              Delete<span className="sr-only"> board {board.name}</span>
            </ListRowToggle>
          </div>
        </td>
      </tr>
      {(confirming || remove.isError) && (
        <ListRowPanel id={`${id}-panel`} colSpan={6}>
          {confirming && (
            <ConfirmAction
              label={`Confirm deleting ${board.name}`}
              message={<>Delete the board “{board.name}”? This cannot be undone.</>}
              action="Delete board"
              pendingAction="Deleting…"
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
              onCancel={() => setConfirming(false)}
            />
          )}
          {remove.isError && (
            <ListRowError
              error={remove.error}
              prefix="Could not delete the board: "
              testId="board-error"
            />
          )}
        </ListRowPanel>
      )}
    </>
  );
}
