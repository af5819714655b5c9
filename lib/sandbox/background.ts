import "server-only";
import { deliverDueCallbacks, startCallbackDelivery, wakeDelivery } from "./callbacks";
import { decideDueFraudReviews } from "./om";

// What the sandbox does on its own time: fraud reviews that come to an end, and callbacks (new
// ones and retries) that fall due. The custom server starts it; tests run it by hand.

export async function runSandboxBackground(): Promise<void> {
  await decideDueFraudReviews();
  await deliverDueCallbacks();
}

/** Starts the background loop in this process, once a second; returns how to stop it. */
export const startSandboxBackground = () => startCallbackDelivery(runSandboxBackground);

/** Runs the loop now (after something enqueued a callback) if this process runs it at all. */
export function wakeSandboxBackground(): void {
  void wakeDelivery(runSandboxBackground, { onlyIfStarted: true });
}
