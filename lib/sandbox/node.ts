import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { endResponse, readBody } from "@/lib/http/node-web";
import { answerSandboxCall, CONNECTION_RESET } from "./http";

// The custom server's way into the sandbox: node:http's request as it is, with no web Request,
// Headers, URL or body stream built for it (on a read served from memory those cost more than
// the sandbox's own work).

/** Characters WHATWG URL leaves alone in a path; with no dot segment, such a path is already normal. */
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@%/]*$/;
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/** The request target's path, as `new URL(target, origin).pathname` gives it. */
export function pathOf(target: string): string {
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  return PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) ? path : new URL(target, "http://localhost").pathname;
}

export async function serveSandboxRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reply = await answerSandboxCall({
    method: req.method ?? "GET",
    path: pathOf(req.url ?? "/"),
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body: (maxBytes) => readBody(req, maxBytes),
  });
  // The client sees its connection reset, no reply.
  if (reply === CONNECTION_RESET) return void res.socket?.resetAndDestroy();
  res.statusCode = reply.status;
  for (const name in reply.headers) res.setHeader(name, reply.headers[name]!);
  await endResponse(res, req, reply.body);
}
