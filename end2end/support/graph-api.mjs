// A WhatsApp Cloud API on loopback for the browser tests, speaking the Graph API's
// protocol as the server's own integration tests' one does: every message the app sends
// (`POST /v21.0/{phone-number-id}/messages`, bearer token) is answered as Meta answers and
// appended to `<data dir>/whatsapp.jsonl`, where the tests read replies and codes.
// It ends when the app it was started beside ends (its parent process goes away).
import { createServer } from "node:http";
import { appendFileSync } from "node:fs";
import { join } from "node:path";

const [port, dataDir, token] = process.argv.slice(2);
const log = join(dataDir, "whatsapp.jsonl");
let sent = 0;

createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ error: { message: "Invalid OAuth access token", code: 190 } }));
    }
    if (req.method === "POST" && /^\/v21\.0\/[^/]+\/messages$/.test(req.url)) {
      const body = JSON.parse(Buffer.concat(chunks).toString() || "null");
      appendFileSync(log, JSON.stringify(body) + "\n");
      sent += 1;
      return res.end(
        JSON.stringify({
          messaging_product: "whatsapp",
          contacts: [{ input: body?.to, wa_id: body?.to }],
          messages: [{ id: `wamid.e2e.${sent}` }],
        }),
      );
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: { message: "Unknown path", code: 100 } }));
  });
}).listen(Number(port), "127.0.0.1");

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000);
