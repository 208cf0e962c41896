"use client";

import Image from "next/image";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { CopyField } from "@/components/share/share-api";
import { formatInterval } from "./screen-model";
import type { IssuedScreen } from "./screens-api";

/**
 * A QR code of `url` (SVG as an image, ~200 px) so the TV's browser can be pointed at the link
 * with a phone; the URL itself stays next to it for those who type it.
 */
export function QrCode({ url }: { url: string }) {
  const [svg, setSvg] = useState<{ url: string; svg: string } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 }).then(
      (text) => live && setSvg({ url, svg: text }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (failed) return <p className="text-sm text-muted">The QR code could not be drawn.</p>;
  if (svg === null || svg.url !== url) {
    return <div aria-hidden="true" className="size-[200px] rounded-md bg-surface-2" />;
  }
  return (
    // A data: URL: nothing to optimise, so next/image renders it as is.
    <Image
      unoptimized
      src={`data:image/svg+xml;utf8,${encodeURIComponent(svg.svg)}`}
      alt="QR code of the screen link"
      width={200}
      height={200}
      className="size-[200px] rounded-md border border-line bg-white p-1"
      data-testid="screen-qr"
    />
  );
}

/**
 * The panel shown once after creating a screen or giving it a new link: the full URL with
 * Copy and Open, its QR code, the stored intervals, and the warning that the link is a
 * credential shown only now.
 */
export function IssuedScreenPanel({
  issued,
  renewed,
  onDismiss,
}: {
  issued: IssuedScreen;
  /** True for "New link" (the old link stops), false for a new screen. */
  renewed: boolean;
  onDismiss: () => void;
}) {
  const { screen, url } = issued;
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-line-strong bg-surface-2 p-4"
      data-testid="screen-issued"
      role="region"
      aria-label={`Link of the screen ${screen.name}`}
    >
      <p className="text-sm font-medium text-positive" role="status">
        {renewed
          ? `New link for “${screen.name}”. The old link stops working at the TV's next refresh.`
          : `Screen “${screen.name}” created.`}
      </p>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <CopyField label="Screen link (open it on the TV)" url={url} />
          <div>
            <a
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex h-9 items-center rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-fg hover:bg-surface-2 focus-visible:outline-2 focus-visible:outline-accent"
              data-testid="screen-open"
            >
              Open<span className="sr-only"> the screen in a new tab</span>
            </a>
          </div>
          <p className="rounded-md bg-danger-soft p-2 text-sm text-negative">
            This link is a credential. Anyone who has it sees this screen, without signing in. It is
            shown only now — copy it or scan the code. If it leaks, use <strong>New link</strong>{" "}
            (the old link stops working) or <strong>Revoke</strong>.
          </p>
          <p className="text-sm text-muted" data-testid="screen-stored-intervals">
            Stored: the boards rotate every {formatInterval(screen.rotationSeconds)}, the data
            refreshes every {formatInterval(screen.refreshSeconds)}.
          </p>
        </div>
        <QrCode url={url} />
      </div>
      <div>
        <button
          type="button"
          onClick={onDismiss}
          className="inline-flex h-8 items-center rounded-md border border-line-strong bg-surface px-2.5 text-sm font-medium text-fg hover:bg-surface-2 focus-visible:outline-2 focus-visible:outline-accent"
        >
          Done, hide the link
        </button>
      </div>
    </div>
  );
}
