"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { BUTTON, CONTROL, PRIMARY } from "@/components/ui/button-styles";
import { errorMessage } from "@/components/ui/widget-states";
import { MAX_NAME_LENGTH } from "@/lib/screens/schema";

/** The inline panel of a board or screen form: titled (`title` is its name), not browser-validated. */
export function EditorForm({
  title,
  testId,
  onSubmit,
  children,
}: {
  title: string;
  testId: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={titleId}
      className="flex flex-col gap-4 rounded-lg border border-line-strong bg-surface-2/50 p-4"
      data-testid={testId}
    >
      <h3 id={titleId} className="text-base font-semibold">
        {title}
      </h3>
      {children}
    </form>
  );
}

/**
 * A form's end: what to fix (the browser's own check, as a list) or else the server's refusal,
 * then the submit button ("Saving…" while `pending`) and Cancel.
 */
export function EditorFooter({
  errors,
  serverError,
  pending,
  submitLabel,
  onCancel,
}: {
  errors: readonly string[];
  /** The failed request's error, null when none. */
  serverError: unknown;
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
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
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" className={BUTTON} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** `list` with the item at `index` moved `by` one place earlier (-1) or later (1). */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(index + by, 0, item);
  return next;
}

/**
 * Up / Down / Remove for an item of an ordered list; `name` completes each button's
 * screen-reader text ("Up: <verb> <name> earlier"), `verb` says what the order means.
 */
export function ReorderButtons({
  name,
  verb,
  index,
  count,
  onMove,
  onRemove,
}: {
  name: string;
  verb: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <>
      <button type="button" className={BUTTON} disabled={index === 0} onClick={() => onMove(-1)}>
        Up
        <span className="sr-only">
          : {verb} {name} earlier
        </span>
      </button>
      <button
        type="button"
        className={BUTTON}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        Down
        <span className="sr-only">
          : {verb} {name} later
        </span>
      </button>
      <button type="button" className={BUTTON} onClick={onRemove}>
        Remove<span className="sr-only"> {name}</span>
      </button>
    </>
  );
}

/** The required Name input of a board or screen (`id` is the input's id). */
export function NameField({
  id,
  value,
  placeholder,
  className = "",
  onChange,
}: {
  id: string;
  value: string;
  placeholder: string;
  /** Extra classes of the field's wrapper (e.g. a maximum width). */
  className?: string;
  onChange: (name: string) => void;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`.trimEnd()}>
      <label htmlFor={id} className="text-sm font-medium">
        Name
      </label>
      <input
        id={id}
        className={CONTROL}
        value={value}
        maxLength={MAX_NAME_LENGTH}
        required
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A form's draft checked in the browser: the API body, or the problems to fix first. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * A form's submit handler: runs `check` on submit; problems go to `errors` (shown by
 * `EditorFooter`), a valid body clears them and goes to `send`.
 */
export function useCheckedSubmit<T>(check: () => CheckResult<T>, send: (value: T) => void) {
  const [errors, setErrors] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = check();
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    send(result.value);
  };
  return { errors, submit };
}

/**
 * The "add one more" row under an ordered list: a labelled select of what is left (`options`),
 * an Add button, then `children` (e.g. a note that the list is full).
 */
export function AddPicker({
  id,
  label,
  value,
  selectDisabled,
  addDisabled,
  addLabel,
  onSelect,
  onAdd,
  options,
  children,
}: {
  /** The select's id. */
  id: string;
  label: string;
  value: string;
  selectDisabled: boolean;
  addDisabled: boolean;
  addLabel: string;
  onSelect: (value: string) => void;
  onAdd: () => void;
  options: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-xs font-medium text-muted">
          {label}
        </label>
        <select
          id={id}
          className={CONTROL}
          value={value}
          disabled={selectDisabled}
          onChange={(e) => onSelect(e.target.value)}
        >
          {options}
        </select>
      </div>
      <button type="button" className={BUTTON} disabled={addDisabled} onClick={onAdd}>
        {addLabel}
      </button>
      {children}
    </div>
  );
}
