import "server-only";
import { db } from "@/lib/db/client";
import { AuthorizationCallback } from "@/lib/klarna-wire";
import { recordEvent } from "./events";
import { receiveKeyedCallback, type KeyedCallbackInput } from "./keyed-callback";
import { verifyAuthorizationCallbackKey } from "./url-keys";

// Klarna Payments' authorization callback (KP merchant_urls.authorization): Klarna says a
// consumer was authorized. Keyed, not signed (keyed-callback.ts); and the body is only a hint:
// finalize() reads the HPP session from Klarna and places the order from that read.

export const receiveAuthorizationCallback = (input: KeyedCallbackInput) =>
  receiveKeyedCallback(input, {
    verifyKey: verifyAuthorizationCallbackKey,
    schema: AuthorizationCallback,
    isAbout: (body, order) => body.session_id === order.kpSessionId,
    notAbout: "Not an authorization of this order's payment session",
    record: (body, order) =>
      recordEvent(db(), order.id, "authorization_callback_received", `Klarna reported an authorization of payment session ${body.session_id}`, {
        kpSessionId: body.session_id,
      }),
  });
