import "server-only";
import { and, asc, eq, ilike, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { containing } from "@/lib/db/like";
import { categories, productPrices, products } from "@/lib/db/schema";
import type { Market } from "./markets";

export interface CatalogueProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  categorySlug: string;
  imagePath: string;
  stock: number;
  unitPriceMinor: number;
}

export async function listCategories() {
  return db().select().from(categories).orderBy(asc(categories.position));
}

const productColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  categorySlug: products.categorySlug,
  imagePath: products.imagePath,
  stock: products.stock,
  unitPriceMinor: productPrices.unitPriceMinor,
};

/** Products priced in `market`, optionally filtered by category and a free-text search. */
export async function listProducts(market: Market, filter: { category?: string; query?: string } = {}): Promise<CatalogueProduct[]> {
  const pattern = filter.query ? containing(filter.query) : undefined;
  return db()
    .select(productColumns)
    .from(products)
    .innerJoin(productPrices, and(eq(productPrices.productId, products.id), eq(productPrices.market, market.code)))
    .where(
      and(
        filter.category ? eq(products.categorySlug, filter.category) : undefined,
        pattern ? or(ilike(products.name, pattern), ilike(products.description, pattern)) : undefined,
      ),
    )
    .orderBy(asc(products.name));
}

export async function getProductBySlug(market: Market, slug: string): Promise<CatalogueProduct | undefined> {
  const [product] = await db()
    .select(productColumns)
    .from(products)
    .innerJoin(productPrices, and(eq(productPrices.productId, products.id), eq(productPrices.market, market.code)))
    .where(eq(products.slug, slug))
    .limit(1);
  return product;
}
