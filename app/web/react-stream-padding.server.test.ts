import { PassThrough, type Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement, Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutReactPadding } from "./react-stream-padding.server.ts";

/** A page like ours: text with en dashes and typographic apostrophes, long enough to cross React's 2 KB buffers at every offset. */
function page(offset: number) {
  const rows = Array.from({ length: 200 }, (_, index) => createElement("li", { key: index }, `${"x".repeat(offset)}Côte d’Ivoire – « Émirats arabes unis » – ${index}`));
  return createElement("html", null, createElement("body", null, createElement(Suspense, { fallback: null }, createElement("ul", null, rows))));
}

function render(offset: number, through: (body: PassThrough) => Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(offset), {
      onShellReady() {
        const body = new PassThrough();
        resolve(text(through(body)));
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

describe("React's stream padding", () => {
  it("React 18 alone puts NULs in the page where a character crosses its buffer; through the filter, none, and nothing else changes", async () => {
    let padded = 0;
    for (let offset = 0; offset < 8; offset += 1) {
      const raw = await render(offset, (body) => body);
      const filtered = await render(offset, (body) => body.pipe(withoutReactPadding()));
      if (raw.includes("\u0000")) padded += 1;
      expect(filtered).not.toContain("\u0000");
      expect(filtered).toBe(raw.replaceAll("\u0000", ""));
    }
    // The case the filter is for really happens with these pages.
    expect(padded).toBeGreaterThan(0);
  });
});
