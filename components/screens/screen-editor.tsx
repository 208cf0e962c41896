"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/ui/widget-states";
import {
  MAX_NAME_LENGTH,
  MAX_SCREEN_BOARDS,
  MIN_REFRESH_SECONDS,
  SCREEN_THEMES,
  type ScreenInput,
} from "@/lib/screens/schema";
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
import { BUTTON, CONTROL, PRIMARY } from "./styles";

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
  const [errors, setErrors] = useState<string[]>([]);
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = draftToScreenPayload(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    if (screen) update.mutate({ screenId: screen.id, payload: result.value });
    else create.mutate(result.value);
  };

  const moveBoard = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const ids = [...d.boardIds];
      const [moved] = ids.splice(index, 1);
      if (moved) ids.splice(index + by, 0, moved);
      return { ...d, boardIds: ids };
    });

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
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4 rounded-lg border border-line-strong bg-surface-2/50 p-4"
      data-testid="screen-editor"
    >
      <h3 id={`${id}-title`} className="text-base font-semibold">
        {screen ? `Edit screen “${screen.name}”` : "New screen"}
      </h3>
      <div className="flex flex-col gap-1 sm:max-w-sm">
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          Name
        </label>
        <input
          id={`${id}-name`}
          className={CONTROL}
          value={draft.name}
          maxLength={MAX_NAME_LENGTH}
          required
          placeholder="e.g. TV by the support desk"
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </div>

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
                    <button
                      type="button"
                      className={BUTTON}
                      disabled={index === 0}
                      onClick={() => moveBoard(index, -1)}
                    >
                      Up<span className="sr-only">: show {name} earlier</span>
                    </button>
                    <button
                      type="button"
                      className={BUTTON}
                      disabled={index === draft.boardIds.length - 1}
                      onClick={() => moveBoard(index, 1)}
                    >
                      Down<span className="sr-only">: show {name} later</span>
                    </button>
                    <button
                      type="button"
                      className={BUTTON}
                      onClick={() =>
                        setDraft((d) => ({
                          ...d,
                          boardIds: d.boardIds.filter((b) => b !== boardId),
                        }))
                      }
                    >
                      Remove<span className="sr-only"> {name}</span>
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        {unused.length > 0 && (
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-add`} className="text-xs font-medium text-muted">
                Board to add
              </label>
              <select
                id={`${id}-add`}
                className={CONTROL}
                value={addable}
                disabled={full}
                onChange={(e) => setToAdd(e.target.value)}
              >
                {unused.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className={BUTTON}
              disabled={full || addable === ""}
              onClick={() => {
                setDraft((d) => ({ ...d, boardIds: [...d.boardIds, addable] }));
                setToAdd("");
              }}
            >
              Add board
            </button>
          </div>
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

      {(errors.length > 0 || serverError) && (
        <div role="alert" className="rounded-md bg-danger-soft p-3 text-sm text-negative">
          {errors.length > 0 ? (
            <>
              <p className="font-medium">Please fix:</p>
              <ul className="list-disc pl-5">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{errorMessage(serverError)}</p>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={PRIMARY} disabled={pending}>
          {pending ? "Saving…" : screen ? "Save screen" : "Create screen"}
        </button>
        <button type="button" className={BUTTON} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
