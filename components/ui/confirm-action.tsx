import type { ReactNode } from "react";
import { BUTTON, DANGER } from "./button-styles";

/**
 * The confirm step of a row action (revoke, delete, renew): a labelled group with the question
 * (`message`) or the action's fields (`children`), the confirm button (its `pendingAction` text
 * while the request runs) and Cancel. `tone` "danger" (default) for what cannot be undone.
 */
export function ConfirmAction({
  label,
  message,
  children,
  action,
  pendingAction,
  pending,
  onConfirm,
  onCancel,
  tone = "danger",
}: {
  /** The group's accessible name, e.g. "Confirm revoking …". */
  label: string;
  /** The question, shown as a paragraph before the buttons. */
  message?: ReactNode;
  /** Fields the action needs, before the buttons (aligned to their bottom edge). */
  children?: ReactNode;
  action: string;
  pendingAction: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  tone?: "danger" | "plain";
}) {
  return (
    <div
      className={`flex flex-wrap gap-3 pt-2 ${children ? "items-end" : "items-center"}`}
      role="group"
      aria-label={label}
    >
      {message && <p className="text-sm">{message}</p>}
      {children}
      <button
        type="button"
        className={tone === "danger" ? DANGER : BUTTON}
        disabled={pending}
        onClick={onConfirm}
      >
        {pending ? pendingAction : action}
      </button>
      <button type="button" className={BUTTON} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
