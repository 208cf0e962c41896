"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { CONTROL } from "@/components/ui/button-styles";
import { CATEGORY_LABELS, METRICS, type MetricCategory } from "@/lib/metrics/definitions";
import type { MetricId, SourcesResponse, SourceSelector } from "@/lib/metrics/types";
import { MAX_BOARD_TILES } from "@/lib/screens/schema";
import {
  BOARD_RANGES,
  boardToDraft,
  boundPreview,
  directionHint,
  draftToPayload,
  emptyBoardDraft,
  metricsFor,
  RANGE_LABELS,
  sourceChoices,
  sourceLabel,
  type BoardDraft,
  type BoardRange,
  type TileDraft,
} from "./board-model";
import {
  AddPicker,
  EditorFooter,
  EditorForm,
  moveItem,
  NameField,
  ReorderButtons,
  useCheckedSubmit,
} from "./form-parts";
import {
  boardsQueryOptions,
  createBoardRequest,
  updateBoardRequest,
  type BoardView,
} from "./screens-api";

const UNIT_HINTS = {
  seconds: "a duration: 45, 45s, 1:30 or 1m 30s",
  percent: "a percentage, 0–100",
  count: "a number",
} as const;

/**
 * The board form (new or edit, inline panel): name, source, team, range and up to 12 tiles with
 * optional goals. Checked in the browser with the API's own schema; the server's 422 message is
 * shown as well. `board` null = a new board. Calls `onDone` with the stored board.
 */
export function BoardEditor({
  board,
  sources,
  onDone,
  onCancel,
}: {
  board: BoardView | null;
  sources: SourcesResponse | null;
  onDone: (board: BoardView) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<BoardDraft>(() =>
    board ? boardToDraft(board) : emptyBoardDraft(sources),
  );
  const available = metricsFor(draft.source, sources);
  const unused = available.filter((m) => !draft.tiles.some((t) => t.metric === m));
  const [toAdd, setToAdd] = useState<MetricId | "">("");
  const addable: MetricId | "" = toAdd !== "" && unused.includes(toAdd) ? toAdd : (unused[0] ?? "");
  const sourceInfo =
    draft.source === "all" ? null : sources?.sources.find((s) => s.id === draft.source);
  const full = draft.tiles.length >= MAX_BOARD_TILES;

  const save = useMutation({
    mutationFn: (payload: Parameters<typeof createBoardRequest>[0]) =>
      board ? updateBoardRequest(board.id, payload) : createBoardRequest(payload),
    onSuccess: async (stored) => {
      await client.invalidateQueries({ queryKey: boardsQueryOptions().queryKey });
      onDone(stored);
    },
  });

  const setTile = (index: number, change: Partial<TileDraft>) =>
    setDraft((d) => ({
      ...d,
      tiles: d.tiles.map((t, i) => (i === index ? { ...t, ...change } : t)),
    }));
  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => ({ ...d, tiles: moveItem(d.tiles, index, by) }));

  const { errors, submit } = useCheckedSubmit(
    () => draftToPayload(draft, sources),
    (payload) => save.mutate(payload),
  );

  const byCategory = new Map<MetricCategory, MetricId[]>();
  for (const m of unused) {
    const c = METRICS[m].category;
    byCategory.set(c, [...(byCategory.get(c) ?? []), m]);
  }

  return (
    <EditorForm
      title={board ? `Edit board “${board.name}”` : "New board"}
      testId="board-editor"
      onSubmit={submit}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <NameField
          id={`${id}-name`}
          value={draft.name}
          placeholder="e.g. Support floor"
          onChange={(name) => setDraft({ ...draft, name })}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-source`} className="text-sm font-medium">
            Source
          </label>
          <select
            id={`${id}-source`}
            className={CONTROL}
            value={draft.source}
            onChange={(e) =>
              setDraft({ ...draft, source: e.target.value as SourceSelector, group: null })
            }
          >
            {sourceChoices(sources).map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-team`} className="text-sm font-medium">
            Team
          </label>
          <select
            id={`${id}-team`}
            className={CONTROL}
            value={draft.group ?? ""}
            disabled={draft.source === "all"}
            aria-describedby={`${id}-team-hint`}
            onChange={(e) => setDraft({ ...draft, group: e.target.value || null })}
          >
            <option value="">All teams</option>
            {sourceInfo?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {draft.group !== null && !sourceInfo?.teams.some((t) => t.id === draft.group) && (
              <option value={draft.group}>Team {draft.group}</option>
            )}
          </select>
          <p id={`${id}-team-hint`} className="text-xs text-muted">
            {draft.source === "all"
              ? "A team can only be chosen for a single source."
              : sourceInfo?.teamsError
                ? `Teams could not be loaded: ${sourceInfo.teamsError}`
                : `The ${sourceInfo?.teamLabel ?? "team"} whose numbers the TV shows.`}
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-range`} className="text-sm font-medium">
            Date range
          </label>
          <select
            id={`${id}-range`}
            className={CONTROL}
            value={draft.range}
            aria-describedby={`${id}-range-hint`}
            onChange={(e) => setDraft({ ...draft, range: e.target.value as BoardRange })}
          >
            {BOARD_RANGES.map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
          </select>
          <p id={`${id}-range-hint`} className="text-xs text-muted">
            Every tile shows this period, up to the latest refresh.
          </p>
        </div>
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">
          Tiles{" "}
          <span className="font-normal text-muted">
            ({draft.tiles.length} of at most {MAX_BOARD_TILES}, shown in this order)
          </span>
        </legend>
        {draft.tiles.length === 0 ? (
          <p className="text-sm text-muted">No tiles yet: add at least one metric below.</p>
        ) : (
          <ol className="flex flex-col gap-2" data-testid="board-tiles">
            {draft.tiles.map((tile, index) => (
              <TileRow
                key={tile.metric}
                tile={tile}
                index={index}
                count={draft.tiles.length}
                available={available.includes(tile.metric)}
                sourceName={sourceLabel(draft.source)}
                onChange={(change) => setTile(index, change)}
                onMove={(by) => move(index, by)}
                onRemove={() =>
                  setDraft((d) => ({ ...d, tiles: d.tiles.filter((_, i) => i !== index) }))
                }
              />
            ))}
          </ol>
        )}
        <AddPicker
          id={`${id}-add`}
          label="Metric to add"
          value={addable}
          selectDisabled={full || unused.length === 0}
          addDisabled={full || addable === ""}
          addLabel="Add tile"
          onSelect={(value) => setToAdd(value as MetricId)}
          onAdd={() => {
            if (addable === "") return;
            setDraft((d) => ({
              ...d,
              tiles: [...d.tiles, { metric: addable, green: "", amber: "" }],
            }));
            setToAdd("");
          }}
          options={[...byCategory].map(([category, ids]) => (
            <optgroup key={category} label={CATEGORY_LABELS[category]}>
              {ids.map((m) => (
                <option key={m} value={m}>
                  {METRICS[m].label}
                </option>
              ))}
            </optgroup>
          ))}
        >
          {full && (
            <p className="text-xs text-muted">A board has at most {MAX_BOARD_TILES} tiles.</p>
          )}
        </AddPicker>
      </fieldset>

      <EditorFooter
        errors={errors}
        serverError={save.error}
        pending={save.isPending}
        submitLabel={board ? "Save board" : "Create board"}
        onCancel={onCancel}
      />
    </EditorForm>
  );
}

function TileRow({
  tile,
  index,
  count,
  available,
  sourceName,
  onChange,
  onMove,
  onRemove,
}: {
  tile: TileDraft;
  index: number;
  count: number;
  available: boolean;
  sourceName: string;
  onChange: (change: Partial<TileDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const def = METRICS[tile.metric];
  const neutral = def.direction === "neutral";
  const label = def.label;
  const bound = (which: "green" | "amber", name: string) => {
    const text = tile[which];
    const preview = text.trim() === "" ? null : boundPreview(text, tile.metric);
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-${which}`} className="text-xs font-medium">
          {name}
          <span className="sr-only"> goal for {label}</span>
        </label>
        <input
          id={`${id}-${which}`}
          className={`${CONTROL} w-28`}
          value={text}
          disabled={neutral}
          inputMode={def.unit === "seconds" ? "text" : "decimal"}
          placeholder={neutral ? "—" : def.unit === "seconds" ? "1m 30s" : ""}
          aria-describedby={`${id}-dir`}
          onChange={(e) => onChange({ [which]: e.target.value })}
        />
        <span className="min-h-4 text-xs text-muted" aria-live="polite">
          {text.trim() === "" ? "" : preview === null ? "Not readable" : `= ${preview}`}
        </span>
      </div>
    );
  };
  return (
    <li
      className="flex flex-col gap-2 rounded-md border border-line bg-surface p-3 lg:flex-row lg:items-start lg:justify-between"
      data-testid="board-tile"
      data-metric={tile.metric}
    >
      <div className="min-w-0 lg:w-64">
        <p className="text-sm font-medium">
          <span className="text-muted tabular-nums">{index + 1}.</span> {label}
        </p>
        <p className="text-xs text-muted">
          {def.unit === "seconds" ? "Duration" : def.unit === "percent" ? "Percentage" : "Count"}
        </p>
        {!available && (
          <p className="text-xs text-negative">Not available from {sourceName}: remove it.</p>
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap gap-3">
          {bound("green", "Green")}
          {bound("amber", "Amber")}
        </div>
        <p id={`${id}-dir`} className="text-xs text-muted">
          {neutral
            ? directionHint(tile.metric)
            : `Optional goal, ${UNIT_HINTS[def.unit]}. ${directionHint(tile.metric)}`}
        </p>
      </div>
      <div className="flex shrink-0 flex-wrap gap-1">
        <ReorderButtons
          name={label}
          verb="move"
          index={index}
          count={count}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>
    </li>
  );
}
