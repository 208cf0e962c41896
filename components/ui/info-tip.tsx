"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useReadOnly } from "@/components/layout/read-only";

/**
 * A small ⓘ that explains a metric. Opens on hover, keyboard focus and tap (touch browsers do
 * not always focus buttons), closes on Escape; the text is always linked to the button with
 * `aria-describedby`, so screen readers announce it without opening anything.
 *
 * With `href` the bubble also holds a "Definition" link to the metric's entry on the
 * definitions page. The bubble stays open while focus or the pointer is anywhere inside the
 * tip (button or bubble), so Tab from the button reaches the link and the mouse can travel to
 * it.
 *
 * On a read-only copy (a share page) the link is left out: nothing there leads into the app.
 *
 * The bubble is positioned against the nearest positioned ancestor (the card, which must be
 * `relative`) and spans its width, so it never runs off the right edge of a phone screen.
 */
export function InfoTip({ label, text, href }: { label: string; text: string; href?: string }) {
  const readOnly = useReadOnly();
  const id = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hovered || focused || pinned;

  useEffect(
    () => () => {
      if (closeTimer.current) clearTimeout(closeTimer.current);
    },
    [],
  );

  const close = () => {
    setHovered(false);
    setFocused(false);
    setPinned(false);
  };

  return (
    <span
      ref={wrapper}
      className="inline-flex"
      onMouseEnter={() => {
        if (closeTimer.current) clearTimeout(closeTimer.current);
        setHovered(true);
      }}
      onMouseLeave={() => {
        // A short grace period lets the pointer cross the gap between the ⓘ and the bubble.
        closeTimer.current = setTimeout(() => setHovered(false), 200);
      }}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (wrapper.current?.contains(e.relatedTarget as Node | null)) return;
        setFocused(false);
        setPinned(false);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        type="button"
        aria-label={`About ${label}`}
        aria-describedby={id}
        aria-expanded={open}
        onClick={() => setPinned((p) => !p)}
        className="inline-flex size-6 items-center justify-center rounded-full text-muted hover:bg-surface-2 hover:text-fg"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5">
          <circle cx="8" cy="8" r="6.75" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 7.25v4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="0.95" fill="currentColor" />
        </svg>
      </button>
      {/* display:none when closed still serves aria-describedby, and adds no scroll overflow. */}
      <span
        data-testid="info-tip"
        className={`${open ? "block" : "hidden"} absolute inset-x-3 top-12 z-20 rounded-lg border border-line bg-surface p-3 text-left text-xs leading-relaxed font-normal text-fg shadow-lg`}
      >
        <span id={id} role="tooltip" className="block">
          {text}
        </span>
        {href && !readOnly && (
          <Link
            href={href}
            className="mt-2 inline-block font-medium text-accent underline-offset-2 hover:underline"
          >
            Definition
          </Link>
        )}
      </span>
    </span>
  );
}
