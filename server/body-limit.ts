import type { NextFunction, Request, Response } from "express";

/**
 * Refuses a request body larger than the limit from its Content-Length alone, before any of it
 * is read, and a body of unknown length (chunked) outright: no handler ever buffers more than
 * the limit.
 */
export function bodyLimit(defaultMaxBytes: number, larger: readonly { path: RegExp; maxBytes: number }[] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    // Some pages take files (a survey, a translated workbook): their own, larger limit.
    const maxBytes = larger.find((limit) => limit.path.test(req.path))?.maxBytes ?? defaultMaxBytes;
    const length = req.headers["content-length"];
    if (length === undefined && req.headers["transfer-encoding"]) return refuse(res, 411, "A Content-Length header is required.");
    if (length !== undefined && Number(length) > maxBytes) return refuse(res, 413, `The request is too large: at most ${maxBytes} bytes are accepted.`);
    next();
  };
}

/**
 * Answers and hangs up: on a kept-alive connection Node would otherwise read the refused body to
 * its end, however long, to reach the next request.
 */
function refuse(res: Response, status: 411 | 413, message: string): void {
  res.setHeader("Connection", "close");
  res.status(status).type("text/plain").send(message);
}
