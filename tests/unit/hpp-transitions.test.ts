import { describe, expect, it } from "vitest";
import { HPP_STATUSES } from "@/lib/klarna-wire";
import { FINAL, HPP_TRANSITIONS } from "@/lib/sandbox/hpp";

// The sandbox's HPP status machine, against Klarna's description of a session's life: the
// consumer opens the page, then pays, is declined, cancels, goes back or hits an error; a
// decline, back or error lets them try again; completed, cancelled, disabled and timed-out
// sessions take nothing more.

const next = (status: keyof typeof HPP_TRANSITIONS, event: string) => (HPP_TRANSITIONS[status] as Record<string, string | undefined>)[event];

describe("the HPP status machine", () => {
  it("moves a waiting session to IN_PROGRESS when opened, and takes no outcome before that", () => {
    expect(next("WAITING", "open")).toBe("IN_PROGRESS");
    for (const outcome of ["approve", "decline", "cancel", "back", "error"]) expect(next("WAITING", outcome), outcome).toBeUndefined();
  });

  it("ends each of the consumer's outcomes on the page in Klarna's status", () => {
    expect(["approve", "decline", "cancel", "back", "error"].map((outcome) => next("IN_PROGRESS", outcome))).toEqual([
      "COMPLETED",
      "FAILED",
      "CANCELLED",
      "BACK",
      "ERROR",
    ]);
  });

  it("lets the consumer try again after a decline, back or error, but not after a cancel", () => {
    for (const status of ["FAILED", "BACK", "ERROR"] as const) expect(next(status, "open"), status).toBe("IN_PROGRESS");
    expect(next("CANCELLED", "open")).toBeUndefined();
  });

  it("finishes an identity check as the consumer decides, without a Back button", () => {
    expect(next("IN_PROGRESS", "manual_id_check")).toBe("MANUAL_ID_CHECK");
    expect(next("MANUAL_ID_CHECK", "approve")).toBe("COMPLETED");
    expect(next("MANUAL_ID_CHECK", "decline")).toBe("FAILED");
    expect(next("MANUAL_ID_CHECK", "back")).toBeUndefined();
    expect(next("WAITING", "manual_id_check")).toBeUndefined();
  });

  it("refuses everything in a final status, and lets the merchant disable or Klarna time out any other", () => {
    expect([...FINAL].sort()).toEqual(["CANCELLED", "COMPLETED", "DISABLED", "TIMEOUT"]);
    for (const status of FINAL) expect(HPP_TRANSITIONS[status], status).toEqual({});
    for (const status of HPP_STATUSES.filter((candidate) => !FINAL.includes(candidate))) {
      expect([next(status, "disable"), next(status, "timeout"), next(status, "follow")], status).toEqual(["DISABLED", "TIMEOUT", "COMPLETED"]);
    }
  });
});
