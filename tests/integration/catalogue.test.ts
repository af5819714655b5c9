import { beforeAll, describe, expect, it } from "vitest";
import { databaseHandle } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { getProductBySlug, listCategories, listProducts } from "@/lib/shop/catalogue";
import { MARKETS } from "@/lib/shop/markets";

beforeAll(async () => {
  await prepareDatabase(databaseHandle(), []);
});

describe("catalogue", () => {
  it("lists every product with its price in the chosen market", async () => {
    const inGb = await listProducts(MARKETS.GB);
    const inSe = await listProducts(MARKETS.SE);
    expect(inGb.length).toBeGreaterThanOrEqual(12);
    expect(inSe.map((product) => product.slug)).toEqual(inGb.map((product) => product.slug));
    expect(inGb.find((product) => product.slug === "ceramic-mug")?.unitPriceMinor).toBe(1900);
    expect(inSe.find((product) => product.slug === "ceramic-mug")?.unitPriceMinor).toBe(22900);
  });

  it("filters by category and searches names and descriptions, case-insensitively", async () => {
    const categories = await listCategories();
    expect(categories.map((category) => category.slug)).toEqual(["apparel", "home", "outdoor", "accessories"]);
    const home = await listProducts(MARKETS.US, { category: "home" });
    expect(home.map((product) => product.slug).sort()).toEqual(["ceramic-mug", "oak-cutting-board", "pour-over-kettle", "wool-throw"]);
    expect((await listProducts(MARKETS.US, { query: "WOOL" })).map((product) => product.slug).sort()).toEqual(["merino-beanie", "wool-socks", "wool-throw"]);
    expect((await listProducts(MARKETS.US, { category: "apparel", query: "wool" })).map((product) => product.slug).sort()).toEqual([
      "merino-beanie",
      "wool-socks",
    ]);
  });

  it("treats search wildcards literally", async () => {
    expect(await listProducts(MARKETS.US, { query: "%" })).toEqual([]);
    expect(await listProducts(MARKETS.US, { query: "_" })).toEqual([]);
  });

  it("finds a product by slug and nothing for an unknown one", async () => {
    expect((await getProductBySlug(MARKETS.DE, "rain-jacket"))?.unitPriceMinor).toBe(17900);
    expect(await getProductBySlug(MARKETS.DE, "no-such-thing")).toBeUndefined();
  });
});
