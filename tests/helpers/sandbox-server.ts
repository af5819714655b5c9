import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sendWebResponse, toWebRequest } from "@/lib/http/node-web";
import { handleSandboxRequest } from "@/lib/sandbox";
import { SANDBOX_AUTH } from "./sandbox-auth";

// The embedded sandbox on a real port inside the test process, so the storefront's Klarna client
// talks to it over HTTP exactly as in production. Call before anything reads the configuration:
// it points APP_URL (and so the Klarna base URL) at itself.

export interface SandboxServer {
  origin: string;
  /** Requests seen, as "METHOD /path", in arrival order. */
  requests: string[];
  /** Makes the next matching requests fail before they reach the sandbox. */
  failNext(match: RegExp, times: number, response: { status: number } | "timeout" | "hang-up"): void;
  /**
   * Arms a fault in the sandbox itself, through its control API: unlike `failNext`, it can let the
   * operation take effect and then lose the reply (`after: true`).
   */
  addFault(fault: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * `merchantRoutes` answers the storefront's own endpoints (the callback receivers) on the same
 * port, so the sandbox's callbacks to APP_URL reach them.
 */
export async function startSandboxServer(merchantRoutes: Record<string, (request: Request) => Promise<Response>> = {}): Promise<SandboxServer> {
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
  return {
    origin,
    requests,
    failNext: (match, times, response) => faults.push({ match, left: times, response }),
    addFault: async (fault) => {
      const response = await fetch(`${origin}/sandbox/api/_control/faults`, {
        method: "POST",
        headers: { ...SANDBOX_AUTH, "content-type": "application/json" },
        body: JSON.stringify(fault),
      });
      if (response.status !== 201) throw new Error(`The sandbox refused the fault: ${response.status} ${await response.text()}`);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
