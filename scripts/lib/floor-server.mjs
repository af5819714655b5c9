// The benchmark's floor: a bare node:http server that reads the request, parses its JSON body
// and answers a JSON document of the size the sandbox returns. Nothing can be faster on this
// machine with the same runtime, so the sandbox is measured as a fraction of it.
import { createServer } from "node:http";

const reply = JSON.stringify({
  session_id: "8a1d4c2e-7b3f-4e9a-b0c5-6d2f1e8a9b37",
  status: "WAITING",
  updated_at: "2025-03-10T10:15:02.120Z",
  expires_at: "2025-03-12T09:15:00.000Z",
});

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    if (text) JSON.parse(text);
    res.writeHead(200, { "content-type": "application/json;charset=utf-8", "klarna-correlation-id": crypto.randomUUID() });
    res.end(reply);
  });
});
server.listen(Number(process.env.PORT), () => process.send?.("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
