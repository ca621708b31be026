// The bench's baseline: the least a server can do for a submission on this machine. It parses the
// same JSON body as the app and inserts it with better-sqlite3 (WAL, synchronous=NORMAL), and
// answers a page by reading one row; no framework, no session, no validation, no revision.
// Run as its own process: `node --import tsx bench/baseline-server.ts` with PORT and DATABASE.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Database from "better-sqlite3";

const port = Number(process.env.PORT ?? 3391);
const db = new Database(process.env.DATABASE ?? ":memory:");
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec("create table if not exists submission (id text primary key, consultation_id text not null, body text not null, created_at text not null)");
const insert = db.prepare("insert into submission (id, consultation_id, body, created_at) values (?, ?, ?, ?)");
const read = db.prepare("select body from submission where id = ?");
const LIMIT = 512 * 1024;

function send(res: ServerResponse, status: number, body: string, type = "application/json") {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMIT) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > LIMIT ? null : Buffer.concat(chunks).toString("utf8")));
  });
}

let last = "";
createServer((req, res) => {
  if (req.method === "POST") {
    void readBody(req).then((text) => {
      let parsed: { answers?: unknown };
      try {
        parsed = text === null ? {} : (JSON.parse(text) as { answers?: unknown });
      } catch {
        return send(res, 400, '{"ok":false}');
      }
      if (typeof parsed.answers !== "object" || parsed.answers === null) return send(res, 400, '{"ok":false}');
      last = randomUUID();
      insert.run(last, req.url ?? "", JSON.stringify(parsed.answers), new Date().toISOString());
      send(res, 200, JSON.stringify({ ok: true, id: last }));
    });
    return;
  }
  const row = read.get(last) as { body: string } | undefined;
  send(res, 200, `<!doctype html><title>baseline</title><pre>${row ? row.body.length : 0}</pre>`, "text/html");
}).listen(port, "127.0.0.1");
