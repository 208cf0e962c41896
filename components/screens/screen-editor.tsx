"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { CONTROL } from "@/components/ui/button-styles";
import {
  MAX_SCREEN_BOARDS,
  MIN_REFRESH_SECONDS,
  SCREEN_THEMES,
  type ScreenInput,
} from "@/lib/screens/schema";
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
  draftToScreenPayload,
  emptyScreenDraft,
  intervalHint,
  screenToDraft,
  type ScreenDraft,
} from "./screen-model";
import {
  createScreenRequest,
  screensQueryOptions,
  updateScreenRequest,
  type BoardView,
  type IssuedScreen,
  type ScreenView,
} from "./screens-api";

const THEME_LABELS = { dark: "Dark", light: "Light" } as const;

/**
 * The screen form (new or edit, inline panel): name, boards in rotation order, rotation and
 * refresh seconds, theme, optional quiet hours. `screen` null = a new screen: `onCreated`
 * gets its link; an edit calls `onSaved` with the stored screen (intervals maybe raised).
 */
export function ScreenEditor({
  screen,
  boards,
  timeZone,
  onCreated,
  onSaved,
  onCancel,
}: {
  screen: ScreenView | null;
  boards: BoardView[];
  /** Default time zone of quiet hours (the reporting time zone). */
  timeZone: string;
  onCreated: (issued: IssuedScreen) => void;
  onSaved: (screen: ScreenView) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<ScreenDraft>(() =>
    screen
      ? screenToDraft(screen, timeZone)
      : emptyScreenDraft(timeZone, boards.length === 1 && boards[0] ? [boards[0].id] : []),
  );
  const names = new Map(boards.map((b) => [b.id, b.name]));
  const unused = boards.filter((b) => !draft.boardIds.includes(b.id));
  const [toAdd, setToAdd] = useState("");
  const addable = unused.some((b) => b.id === toAdd) ? toAdd : (unused[0]?.id ?? "");
  const full = draft.boardIds.length >= MAX_SCREEN_BOARDS;

  const refresh = () => client.invalidateQueries({ queryKey: screensQueryOptions().queryKey });
  const create = useMutation({
    mutationFn: (payload: ScreenInput) => createScreenRequest(payload),
    onSuccess: async (issued) => {
      await refresh();
      onCreated(issued);
    },
  });
  const update = useMutation({
    mutationFn: ({ screenId, payload }: { screenId: string; payload: ScreenInput }) =>
      updateScreenRequest(screenId, payload),
    onSuccess: async (stored) => {
      await refresh();
      onSaved(stored);
    },
  });
  const pending = create.isPending || update.isPending;
  const serverError = create.error ?? update.error;

  const { errors, submit } = useCheckedSubmit(
    () => draftToScreenPayload(draft),
    (payload) => {
      if (screen) update.mutate({ screenId: screen.id, payload });
      else create.mutate(payload);
    },
  );

  const moveBoard = (index: number, by: -1 | 1) =>
    setDraft((d) => ({ ...d, boardIds: moveItem(d.boardIds, index, by) }));

  const interval = (field: "rotationSeconds" | "refreshSeconds", label: string, what: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-${field}`} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex items-center gap-1.5">
        <input
          id={`${id}-${field}`}
          className={`${CONTROL} w-24 tabular-nums`}
          inputMode="numeric"
          value={draft[field]}
          aria-describedby={`${id}-${field}-hint`}
          onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
        />
        <span className="text-sm text-muted">seconds</span>
      </div>
      <p id={`${id}-${field}-hint`} className="text-xs text-muted">
        {what} {intervalHint(draft[field], MIN_REFRESH_SECONDS)}
      </p>
    </div>
  );

  return (
    <EditorForm
      title={screen ? `Edit screen “${screen.name}”` : "New screen"}
      testId="screen-editor"
      onSubmit={submit}
    >
      <NameField
        id={`${id}-name`}
        value={draft.name}
        placeholder="e.g. TV by the support desk"
        className="sm:max-w-sm"
        onChange={(name) => setDraft({ ...draft, name })}
      />

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">
          Boards{" "}
          <span className="font-normal text-muted">
            (at least one, at most {MAX_SCREEN_BOARDS}; the TV shows them in this order)
          </span>
        </legend>
        {draft.boardIds.length === 0 ? (
          <p className="text-sm text-muted">No board chosen yet: add one below.</p>
        ) : (
          <ol className="flex flex-col gap-1" data-testid="screen-boards">
            {draft.boardIds.map((boardId, index) => {
              const name = names.get(boardId) ?? "A deleted board";
              return (
                <li
                  key={boardId}
                  className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-line bg-surface px-3 py-1.5"
                >
                  <span className="text-sm">
                    <span className="text-muted tabular-nums">{index + 1}.</span> {name}
                  </span>
                  <span className="flex gap-1">
                    <ReorderButtons
                      name={name}
                      verb="show"
                      index={index}
                      count={draft.boardIds.length}
                      onMove={(by) => moveBoard(index, by)}
                      onRemove={() =>
                        setDraft((d) => ({
                          ...d,
                          boardIds: d.boardIds.filter((b) => b !== boardId),
                        }))
                      }
                    />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        {unused.length > 0 && (
          <AddPicker
            id={`${id}-add`}
            label="Board to add"
            value={addable}
            selectDisabled={full}
            addDisabled={full || addable === ""}
            addLabel="Add board"
            onSelect={setToAdd}
            onAdd={() => {
              setDraft((d) => ({ ...d, boardIds: [...d.boardIds, addable] }));
              setToAdd("");
            }}
            options={unused.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          />
        )}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {interval("rotationSeconds", "Rotation", "How long each board stays on screen.")}
        {interval("refreshSeconds", "Refresh", "How often the TV fetches new numbers.")}
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">Theme</legend>
          <div className="flex gap-4 pt-1.5">
            {SCREEN_THEMES.map((theme) => (
              <label key={theme} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name={`${id}-theme`}
                  value={theme}
                  checked={draft.theme === theme}
                  onChange={() => setDraft({ ...draft, theme })}
                />
                {THEME_LABELS[theme]}
              </label>
            ))}
          </div>
          <p className="text-xs text-muted">Dark suits most TVs and rooms.</p>
        </fieldset>
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">Quiet hours</legend>
        <label className="inline-flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={draft.quiet}
            aria-describedby={`${id}-quiet-hint`}
            onChange={(e) => setDraft({ ...draft, quiet: e.target.checked })}
          />
          Quiet hours
        </label>
        <p id={`${id}-quiet-hint`} className="text-xs text-muted">
          During quiet hours (e.g. nights) the TV shows only a dim clock and asks for no numbers; as
          they begin, it reloads itself once to start the next day fresh. From is included, To is
          not; 22:00–07:00 spans midnight.
        </p>
        {draft.quiet && (
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-from`} className="text-xs font-medium">
                From
              </label>
              <input
                id={`${id}-from`}
                type="time"
                className={CONTROL}
                value={draft.quietFrom}
                onChange={(e) => setDraft({ ...draft, quietFrom: e.target.value })}
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-to`} className="text-xs font-medium">
                To
              </label>
              <input
                id={`${id}-to`}
                type="time"
                className={CONTROL}
                value={draft.quietTo}
                onChange={(e) => setDraft({ ...draft, quietTo: e.target.value })}
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-tz`} className="text-xs font-medium">
                Time zone
              </label>
              <input
                id={`${id}-tz`}
                className={`${CONTROL} w-56`}
                value={draft.quietTz}
                placeholder="Europe/Berlin"
                aria-describedby={`${id}-tz-hint`}
                onChange={(e) => setDraft({ ...draft, quietTz: e.target.value })}
              />
              <span id={`${id}-tz-hint`} className="text-xs text-muted">
                IANA name; the reporting time zone is {timeZone}.
              </span>
            </div>
          </div>
        )}
      </fieldset>

      <EditorFooter
        errors={errors}
        serverError={serverError}
        pending={pending}
        submitLabel={screen ? "Save screen" : "Create screen"}
        onCancel={onCancel}
      />
    </EditorForm>
  );
}
