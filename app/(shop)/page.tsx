import { z } from "zod";
import { CategoryFilter } from "@/components/shop/category-filter";
import { ProductCard } from "@/components/shop/product-card";
import { SearchForm } from "@/components/shop/search-form";
import { listCategories, listProducts } from "@/lib/shop/catalogue";
import { currentMarket } from "@/lib/shop/request";

const CatalogueQuery = z.object({
  category: z.string().max(50).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export default async function CataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = CatalogueQuery.parse(await searchParams);
  const [market, categories] = await Promise.all([currentMarket(), listCategories()]);
  const category = categories.find((candidate) => candidate.slug === query.category);
  const products = await listProducts(market, { category: category?.slug, query: query.q || undefined });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{category ? category.name : "All products"}</h1>
          <p className="text-ink-600 dark:text-ink-400">
            {query.q ? `Results for “${query.q}”: ` : ""}
            {products.length} {products.length === 1 ? "product" : "products"}
          </p>
        </div>
        <SearchForm query={query.q ?? ""} category={category?.slug} />
      </div>
      <CategoryFilter categories={categories} current={category?.slug} query={query.q} />
      {products.length === 0 ? (
        <p className="rounded-card border border-dashed border-ink-200 p-10 text-center text-ink-600 dark:border-ink-600 dark:text-ink-400">
          No products match your search.
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4" aria-label="Products">
          {products.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} market={market} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
