import { Transform } from "node:stream";

/** Past this many bytes a batch is sent at once, so that a large page does not sit whole in memory. */
const MAX_BATCH_BYTES = 64 * 1024;

/**
 * React writes a page as many 2 KB chunks in one go; each chunk then costs a trip through the
 * response's compression (a zlib call on its thread pool) and a socket write. This passes on what
 * arrived in the same turn of the event loop as one chunk (or every 64 KB), so a page compresses in
 * a few calls; what React streams later (a suspended part) still goes out as soon as it is written.
 */
export function coalescedStream(): Transform {
  let pending: Buffer[] = [];
  let bytes = 0;
  let scheduled = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      bytes += chunk.length;
      if (bytes >= MAX_BATCH_BYTES) send();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(send);
      }
      callback();
    },
    flush(callback) {
      send();
      callback();
    },
  });
  function send(): void {
    scheduled = false;
    if (bytes === 0) return;
    const batch = pending.length === 1 ? pending[0] : Buffer.concat(pending, bytes);
    pending = [];
    bytes = 0;
    stream.push(batch);
  }
  return stream;
}
