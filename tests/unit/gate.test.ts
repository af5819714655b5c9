import { describe, expect, it } from "vitest";
import { Gate } from "@/lib/klarna/gate";

describe("the embedded sandbox's turn-taking", () => {
  it("admits `size` callers at once and the next in arrival order as each leaves", async () => {
    const gate = new Gate(2);
    const first = await gate.enter(1000);
    const second = await gate.enter(1000);
    const order: string[] = [];
    const third = gate.enter(1000).then((release) => (order.push("third"), release));
    const fourth = gate.enter(1000).then((release) => (order.push("fourth"), release));
    expect(gate.waiting).toBe(2);
    (first as () => void)();
    (first as () => void)(); // leaving twice frees one place only
    await third;
    expect(order).toEqual(["third"]);
    (second as () => void)();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
  });

  it("turns a caller away after its wait, without taking a place", async () => {
    const gate = new Gate(1);
    const holder = await gate.enter(1000);
    expect(await gate.enter(20)).toBe(false);
    expect(gate.waiting).toBe(0);
    (holder as () => void)();
    expect(await gate.enter(20)).toEqual(expect.any(Function));
  });
});
