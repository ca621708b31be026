import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { coalescedStream } from "./coalesced-stream.server.ts";

/** The chunks a stream passes on, each as text, in order. */
function collect(stream: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: string[] = [];
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    stream.on("end", () => resolve(chunks));
    stream.on("error", reject);
  });
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("coalescedStream", () => {
  it("passes on what was written in one turn of the event loop as one chunk, bytes unchanged", async () => {
    const source = new PassThrough();
    const out = collect(source.pipe(coalescedStream()));
    const parts = Array.from({ length: 100 }, (_, index) => `<p>Côte d’Ivoire – ${index}</p>`);
    for (const part of parts) source.write(part);
    source.end();
    expect(await out).toEqual([parts.join("")]);
  });

  it("passes on what comes in a later turn as a chunk of its own, without waiting for the end (a suspended part streams)", async () => {
    const source = new PassThrough();
    const stream = source.pipe(coalescedStream());
    const received: string[] = [];
    stream.on("data", (chunk: Buffer) => received.push(chunk.toString("utf8")));
    source.write("<html>");
    source.write("<body>");
    await nextTurn();
    await nextTurn();
    expect(received).toEqual(["<html><body>"]);
    source.write("<script>late</script>");
    await nextTurn();
    await nextTurn();
    expect(received).toEqual(["<html><body>", "<script>late</script>"]);
    source.end("</body></html>");
    await new Promise((resolve) => stream.on("end", resolve));
    expect(received.join("")).toBe("<html><body><script>late</script></body></html>");
  });

  it("sends a batch as soon as it reaches 64 KB, so that a large page is not held whole", async () => {
    const source = new PassThrough();
    const out = collect(source.pipe(coalescedStream()));
    const chunk = "x".repeat(2048);
    for (let index = 0; index < 100; index += 1) source.write(chunk);
    source.end();
    const chunks = await out;
    expect(chunks.join("")).toBe(chunk.repeat(100));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((part) => part.length))).toBeLessThanOrEqual(64 * 1024);
  });
});
