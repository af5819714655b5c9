import "server-only";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import type { MarketCode } from "@/lib/shop/markets";
import type { Database } from "./client";
import { categories, productPrices, products, users } from "./schema";

// First-start data: the demo catalogue and the back-office users. Every insert skips rows that
// already exist, so a second start (or a second instance) changes nothing.

const CATEGORIES = [
  { slug: "apparel", name: "Apparel", position: 1 },
  { slug: "home", name: "Home", position: 2 },
  { slug: "outdoor", name: "Outdoor", position: 3 },
  { slug: "accessories", name: "Accessories", position: 4 },
];

type SeedProduct = {
  slug: string;
  name: string;
  category: string;
  stock: number;
  description: string;
  /** Shelf prices in minor units: US before sales tax, the others VAT included. */
  prices: Record<MarketCode, number>;
};

const PRODUCTS: SeedProduct[] = [
  {
    slug: "merino-beanie",
    name: "Merino Beanie",
    category: "apparel",
    stock: 40,
    description: "A soft rib-knit beanie in fine merino wool that keeps warm without itching.",
    prices: { US: 3400, GB: 2900, DE: 3290, SE: 34900 },
  },
  {
    slug: "rain-jacket",
    name: "Rain Jacket",
    category: "apparel",
    stock: 12,
    description: "A light, fully taped shell with a peaked hood for city downpours and mountain squalls.",
    prices: { US: 18900, GB: 15900, DE: 17900, SE: 189900 },
  },
  {
    slug: "wool-socks",
    name: "Wool Hiking Socks",
    category: "apparel",
    stock: 99,
    description: "Cushioned hiking socks knitted from a durable wool blend, sold as a pair.",
    prices: { US: 2200, GB: 1800, DE: 1990, SE: 19900 },
  },
  {
    slug: "linen-shirt",
    name: "Linen Shirt",
    category: "apparel",
    stock: 25,
    description: "A breathable, garment-washed linen shirt with a relaxed fit.",
    prices: { US: 8900, GB: 7500, DE: 8490, SE: 89900 },
  },
  {
    slug: "ceramic-mug",
    name: "Ceramic Mug",
    category: "home",
    stock: 60,
    description: "A hand-glazed stoneware mug that holds a generous 350 ml.",
    prices: { US: 2400, GB: 1900, DE: 2190, SE: 22900 },
  },
  {
    slug: "pour-over-kettle",
    name: "Pour-over Kettle",
    category: "home",
    stock: 15,
    description: "A gooseneck kettle with a built-in thermometer for precise pour-over coffee.",
    prices: { US: 6900, GB: 5900, DE: 6490, SE: 69900 },
  },
  {
    slug: "wool-throw",
    name: "Wool Throw",
    category: "home",
    stock: 8,
    description: "A heavy woven throw in undyed lambswool for cold evenings on the sofa.",
    prices: { US: 12900, GB: 10900, DE: 11900, SE: 129900 },
  },
  {
    slug: "oak-cutting-board",
    name: "Oak Cutting Board",
    category: "home",
    stock: 30,
    description: "An end-grain oak board, oiled and finished by hand, that is kind to knives.",
    prices: { US: 5900, GB: 4900, DE: 5490, SE: 54900 },
  },
  {
    slug: "trail-backpack",
    name: "Trail Backpack 28 L",
    category: "outdoor",
    stock: 18,
    description: "A 28-litre day pack with a ventilated back panel and a rain cover.",
    prices: { US: 11900, GB: 9900, DE: 10900, SE: 114900 },
  },
  {
    slug: "camping-lantern",
    name: "Camping Lantern",
    category: "outdoor",
    stock: 35,
    description: "A rechargeable LED lantern with warm light and 40 hours on its lowest setting.",
    prices: { US: 4500, GB: 3900, DE: 4290, SE: 44900 },
  },
  {
    slug: "insulated-bottle",
    name: "Insulated Bottle",
    category: "outdoor",
    stock: 80,
    description: "A 750 ml steel bottle that keeps drinks cold for a day and hot for twelve hours.",
    prices: { US: 3200, GB: 2700, DE: 2990, SE: 29900 },
  },
  {
    slug: "camp-stool",
    name: "Folding Camp Stool",
    category: "outdoor",
    stock: 3,
    description: "A three-legged folding stool in ash and canvas that packs down to a tube.",
    prices: { US: 3900, GB: 3300, DE: 3690, SE: 37900 },
  },
  {
    slug: "leather-wallet",
    name: "Leather Wallet",
    category: "accessories",
    stock: 45,
    description: "A slim bifold wallet in vegetable-tanned leather with six card slots.",
    prices: { US: 5900, GB: 4900, DE: 5490, SE: 54900 },
  },
  {
    slug: "canvas-tote",
    name: "Canvas Tote",
    category: "accessories",
    stock: 70,
    description: "A sturdy waxed-canvas tote with leather handles and an inner pocket.",
    prices: { US: 3900, GB: 3200, DE: 3590, SE: 36900 },
  },
  {
    slug: "sunglasses",
    name: "Polarised Sunglasses",
    category: "accessories",
    stock: 20,
    description: "Acetate frames with polarised lenses that block all UVA and UVB light.",
    prices: { US: 9900, GB: 8500, DE: 9490, SE: 99900 },
  },
  {
    slug: "notebook",
    name: "Dot-grid Notebook",
    category: "accessories",
    stock: 0,
    description: "A lay-flat A5 notebook with 192 numbered dot-grid pages.",
    prices: { US: 1800, GB: 1500, DE: 1690, SE: 16900 },
  },
];

export interface SeedUser {
  email: string;
  password: string;
  role: "admin" | "viewer";
}

export async function seed(db: Database, seedUsers: SeedUser[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(categories).values(CATEGORIES).onConflictDoNothing();
    const inserted = await tx
      .insert(products)
      .values(
        PRODUCTS.map((product) => ({
          slug: product.slug,
          name: product.name,
          description: product.description,
          categorySlug: product.category,
          imagePath: `/products/${product.slug}.svg`,
          stock: product.stock,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: products.id, slug: products.slug });
    const prices = inserted.flatMap(({ id, slug }) => {
      const product = PRODUCTS.find((candidate) => candidate.slug === slug)!;
      return Object.entries(product.prices).map(([market, unitPriceMinor]) => ({ productId: id, market, unitPriceMinor }));
    });
    if (prices.length > 0) await tx.insert(productPrices).values(prices).onConflictDoNothing();
  });
  for (const user of seedUsers) {
    const email = user.email.toLowerCase();
    const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing.length > 0) continue;
    await db
      .insert(users)
      .values({ email, name: user.role === "admin" ? "Shop admin" : "Shop viewer", passwordHash: await bcrypt.hash(user.password, 11), role: user.role })
      .onConflictDoNothing();
  }
}
