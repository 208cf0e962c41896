/** Class names of the buttons and form controls on the list-and-form pages (Screens, Shared links). */
const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";

/** A secondary button. */
export const BUTTON = `inline-flex h-8 items-center rounded-md border border-line-strong bg-surface px-2.5 text-sm font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-60 ${FOCUS}`;
/** The main action of a form. */
export const PRIMARY = `inline-flex h-9 items-center justify-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:bg-accent-hover disabled:cursor-not-allowed disabled:opacity-60 ${FOCUS}`;
/** A destructive action, after its confirm step. */
export const DANGER = `inline-flex h-8 items-center rounded-md border border-negative bg-danger-soft px-2.5 text-sm font-medium text-negative hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-60 ${FOCUS}`;
/** Text inputs and selects. */
export const CONTROL = `h-9 rounded-md border border-line-strong bg-surface px-2.5 text-sm text-fg disabled:cursor-not-allowed disabled:opacity-60 ${FOCUS}`;
