import { z } from "zod";
import { CategoryFilter } from "@/components/shop/category-filter";
import { ProductCard } from "@/components/shop/product-card";
import { SearchForm } from "@/components/shop/search-form";
import { format, plural } from "@/lib/i18n/format";
import { categoryName, messagesFor } from "@/lib/i18n/messages";
import { listCategories, listProducts } from "@/lib/shop/catalogue";
import { currentMarket } from "@/lib/shop/request";

const CatalogueQuery = z.object({
  category: z.string().max(50).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export default async function CataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = CatalogueQuery.parse(await searchParams);
  const [market, stored] = await Promise.all([currentMarket(), listCategories()]);
  const messages = messagesFor(market.locale);
  const text = messages.catalogue;
  const categories = stored.map((candidate) => ({ slug: candidate.slug, name: categoryName(messages, candidate) }));
  const category = categories.find((candidate) => candidate.slug === query.category);
  const products = await listProducts(market, { category: category?.slug, query: query.q || undefined });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{category ? category.name : text.allProducts}</h1>
          <p className="text-ink-600 dark:text-ink-400">
            {query.q ? format(text.resultsFor, { query: query.q }) : ""}
            {plural(text.count, products.length, market.locale)}
          </p>
        </div>
        <SearchForm query={query.q ?? ""} category={category?.slug} text={text} />
      </div>
      <CategoryFilter categories={categories} current={category?.slug} query={query.q} label={text.categories} all={text.all} />
      {products.length === 0 ? (
        <p className="rounded-card border border-dashed border-ink-200 p-10 text-center text-ink-600 dark:border-ink-600 dark:text-ink-400">{text.noMatch}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4" aria-label={text.products}>
          {products.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} market={market} outOfStock={messages.product.outOfStock} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
