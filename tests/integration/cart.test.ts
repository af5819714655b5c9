import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { carts, products } from "@/lib/db/schema";
import { changeCart, getCart, type CartChangeResult } from "@/lib/shop/cart";
import { MARKETS } from "@/lib/shop/markets";
import { sign } from "@/lib/signing";

const { GB, US, SE } = MARKETS;

async function productId(slug: string) {
  const [product] = await db().select({ id: products.id }).from(products).where(eq(products.slug, slug));
  return product!.id;
}

function cookieFrom(result: CartChangeResult): string {
  if (!result.ok || !result.cookie || !("set" in result.cookie)) throw new Error(`expected a new cart cookie, got ${JSON.stringify(result)}`);
  return result.cookie.set;
}

async function cartWith(slug: string, quantity: number) {
  return cookieFrom(await changeCart(undefined, { kind: "add", productId: await productId(slug), quantity }));
}

beforeAll(async () => {
  await prepareDatabase(databaseHandle(), []);
});

describe("cart", () => {
  it("adds, changes and removes lines and prices them per market", async () => {
    const mug = await productId("ceramic-mug");
    const lantern = await productId("camping-lantern");
    const cookie = await cartWith("ceramic-mug", 2);
    expect(await changeCart(cookie, { kind: "add", productId: lantern, quantity: "1" })).toMatchObject({ ok: true, cookie: null });
    expect(await changeCart(cookie, { kind: "add", productId: mug, quantity: 1 })).toMatchObject({ ok: true });

    let cart = await getCart(cookie, GB);
    expect(cart.lines.map((line) => [line.slug, line.quantity])).toEqual([
      ["ceramic-mug", 3],
      ["camping-lantern", 1],
    ]);
    expect(cart.itemCount).toBe(4);
    expect(cart.subtotalMinor).toBe(3 * 1900 + 3900);
    expect(cart.totalMinor).toBe(cart.subtotalMinor);
    expect(cart.taxMinor).toBe(Math.round(5700 - 5700 / 1.2) + Math.round(3900 - 3900 / 1.2));

    const inUs = await getCart(cookie, US);
    expect(inUs.subtotalMinor).toBe(3 * 2400 + 4500);
    expect(inUs.totalMinor).toBe(inUs.subtotalMinor + Math.round(inUs.subtotalMinor * 0.08));

    expect(await changeCart(cookie, { kind: "set", productId: mug, quantity: 5 })).toMatchObject({ ok: true });
    expect(await changeCart(cookie, { kind: "remove", productId: lantern })).toMatchObject({ ok: true });
    cart = await getCart(cookie, SE);
    expect(cart.lines.map((line) => [line.slug, line.quantity, line.lineTotalMinor])).toEqual([["ceramic-mug", 5, 5 * 22900]]);
  });

  it.each([
    ["an unknown product id", { kind: "add", productId: "8d6f3b5e-0000-4000-8000-000000000000", quantity: 1 }, "That product does not exist."],
    ["a malformed product id", { kind: "add", productId: "'; drop table carts; --", quantity: 1 }, "That product does not exist."],
    ["quantity 0", { kind: "set", quantity: 0 }, "Quantity must be a whole number from 1 to 99."],
    ["quantity -1", { kind: "set", quantity: -1 }, "Quantity must be a whole number from 1 to 99."],
    ["quantity 1e9", { kind: "set", quantity: "1e9" }, "Quantity must be a whole number from 1 to 99."],
    ["quantity abc", { kind: "add", quantity: "abc" }, "Quantity must be a whole number from 1 to 99."],
    ["quantity 1.5", { kind: "add", quantity: 1.5 }, "Quantity must be a whole number from 1 to 99."],
    ["more than in stock", { kind: "set", quantity: 13 }, "Only 12 of Rain Jacket in stock."],
    ["an unknown change", { kind: "empty" }, undefined],
  ])("refuses %s with a clear message and leaves the cart unchanged", async (_label, change, message) => {
    const jacket = await productId("rain-jacket");
    const cookie = await cartWith("rain-jacket", 2);
    const before = await getCart(cookie, GB);
    const result = await changeCart(cookie, { productId: jacket, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(message ?? result.error);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
    expect(result.cookie).toBeNull();
    expect(await getCart(cookie, GB)).toEqual(before);
  });

  it("refuses to exceed stock across several additions and refuses sold-out products", async () => {
    const stool = await productId("camp-stool"); // 3 in stock
    const cookie = await cartWith("camp-stool", 2);
    expect(await changeCart(cookie, { kind: "add", productId: stool, quantity: 2 })).toMatchObject({
      ok: false,
      error: "Only 3 of Folding Camp Stool in stock.",
    });
    expect((await getCart(cookie, GB)).itemCount).toBe(2);
    expect(await changeCart(cookie, { kind: "add", productId: await productId("notebook"), quantity: 1 })).toMatchObject({
      ok: false,
      error: "Dot-grid Notebook is out of stock.",
    });
  });

  it("refuses in the shopper's language: German in DE, Swedish in SE", async () => {
    const stool = await productId("camp-stool");
    const cookie = await cartWith("camp-stool", 2);
    expect(await changeCart(cookie, { kind: "add", productId: stool, quantity: 2 }, "de-DE")).toMatchObject({
      ok: false,
      error: "Von Folding Camp Stool sind nur noch 3 auf Lager.",
    });
    expect(await changeCart(cookie, { kind: "set", productId: stool, quantity: 0 }, "sv-SE")).toMatchObject({
      ok: false,
      error: "Antalet måste vara ett heltal från 1 till 99.",
    });
    expect(await changeCart(cookie, { kind: "remove", productId: stool }, "de-DE")).toMatchObject({ ok: true, message: "Folding Camp Stool entfernt." });
  });

  it("creates no cart for a refused first addition", async () => {
    const before = (await db().select().from(carts)).length;
    const result = await changeCart(undefined, { kind: "add", productId: await productId("notebook"), quantity: 1 });
    expect(result).toMatchObject({ ok: false, cookie: null });
    expect((await db().select().from(carts)).length).toBe(before);
  });

  it.each([
    ["a tampered cookie", (cookie: string) => cookie.replace(/^./, (c) => (c === "a" ? "b" : "a"))],
    ["a cookie signed with another secret", (cookie: string) => `${cookie.split(".")[0]}.forged-signature`],
    ["an unsigned cart id", (cookie: string) => cookie.split(".")[0]!],
    ["a foreign cart (valid signature, unknown cart)", () => sign("0b6e1c58-1111-4222-8333-944455556666", "cart")],
    ["garbage", () => "%00<script>"],
  ])("refuses %s, asks to clear it and changes no cart", async (_label, tamper) => {
    const cookie = await cartWith("wool-socks", 1);
    const before = await getCart(cookie, GB);
    const cartsBefore = (await db().select().from(carts)).length;
    const result = await changeCart(tamper(cookie), { kind: "add", productId: await productId("wool-socks"), quantity: 1 });
    expect(result).toEqual({ ok: false, error: "Your cart could not be found, so it was reset. Please try again.", cookie: { clear: true } });
    expect(await getCart(cookie, GB)).toEqual(before);
    expect((await db().select().from(carts)).length).toBe(cartsBefore);
    expect((await getCart(tamper(cookie), GB)).lines).toEqual([]);
  });
});
