import { Transform } from "node:stream";

/** The size of React 18's streaming buffer (react-dom/server's VIEW_SIZE). */
const REACT_VIEW_SIZE = 2048;
/** A UTF-8 character takes at most 4 bytes, so at most 3 are left unwritten before it. */
const MAX_PADDING = 3;

/**
 * React 18.3's renderToPipeableStream sends its whole 2,048-byte buffer when a character of
 * several bytes (–, é, ’…) does not fit at its end, with the 1-3 bytes it did not write left as
 * NUL (facebook/react#26228, fixed only in React 19). Pages then carry stray NULs that a
 * validator, a crawler or a copy-paste may trip on. This drops that padding: NULs at the end of a
 * chunk of exactly that size, which React never writes otherwise (text with NUL is refused
 * before it is stored: docs/decisions/0010).
 */
export function withoutReactPadding(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.length !== REACT_VIEW_SIZE) return callback(null, chunk);
      let end = chunk.length;
      while (end > chunk.length - MAX_PADDING && chunk[end - 1] === 0) end -= 1;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
