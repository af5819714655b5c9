import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sendWebResponse, toWebRequest } from "@/lib/http/node-web";
import { handleSandboxRequest, startSandboxBackground } from "@/lib/sandbox";
import { sandboxClient, type SandboxClient } from "./sandbox-client";

// The embedded sandbox on a real port inside the test process, so the storefront's Klarna client
// talks to it over HTTP exactly as in production. Call before anything reads the configuration:
// it points APP_URL (and so the Klarna base URL) at itself. Tests reach the sandbox through the
// client it extends: the HTTP and control APIs on that port.

export interface SandboxServer extends SandboxClient {
  origin: string;
  /** Requests seen, as "METHOD /path", in arrival order. */
  requests: string[];
  /** Makes the next matching requests fail before they reach the sandbox. */
  failNext(match: RegExp, times: number, response: { status: number } | "timeout" | "hang-up"): void;
  close(): Promise<void>;
}

/**
 * `merchantRoutes` answers the storefront's own endpoints (the callback receivers) on the same
 * port, so the sandbox's callbacks to APP_URL reach them. `background` runs the sandbox's own
 * clockwork (callback delivery, fraud reviews) as the custom server does.
 */
export async function startSandboxServer(
  merchantRoutes: Record<string, (request: Request) => Promise<Response>> = {},
  { background = false }: { background?: boolean } = {},
): Promise<SandboxServer> {
  const requests: string[] = [];
  const faults: { match: RegExp; left: number; response: { status: number } | "timeout" | "hang-up" }[] = [];
  let origin = "";
  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    requests.push(line);
    const fault = faults.find((candidate) => candidate.left > 0 && candidate.match.test(line));
    if (fault) {
      fault.left -= 1;
      if (fault.response === "timeout") return; // never answers: the client's timeout fires
      if (fault.response === "hang-up") return void req.socket.destroy();
      res.writeHead(fault.response.status, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error_code: "TEMPORARILY_UNAVAILABLE", error_messages: ["Injected fault"], correlation_id: "fault" }));
    }
    const merchantRoute = merchantRoutes[new URL(req.url ?? "/", origin).pathname];
    void (merchantRoute ?? handleSandboxRequest)(toWebRequest(req, origin)).then((response) => sendWebResponse(res, response, req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = origin;
  const stopBackground = background ? startSandboxBackground() : () => undefined;
  return {
    ...sandboxClient(origin),
    origin,
    requests,
    failNext: (match, times, response) => faults.push({ match, left: times, response }),
    close: () => {
      stopBackground();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
