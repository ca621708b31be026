import type { NextFunction, Request, Response } from "express";

/**
 * A path whose percent-encoding does not decode (GET /%E0%A4%A) is the client's error: answered
 * 400 here with one line in the log, before Express's router fails to decode it and logs a stack.
 */
export function refuseMalformedUrls() {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      console.warn(`Refused ${req.method} ${JSON.stringify(req.originalUrl.slice(0, 200))}: its percent-encoding does not decode (400).`);
      res.status(400).type("text/plain").send("This address is not valid: its percent-encoding does not decode.");
      return;
    }
    next();
  };
}
