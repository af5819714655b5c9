import Link from "next/link";
import { Price } from "@/components/ui/price";
import { ProductImage } from "@/components/ui/product-image";
import type { CatalogueProduct } from "@/lib/shop/catalogue";
import type { Market } from "@/lib/shop/markets";

export function ProductCard({ product, market, outOfStock }: { product: CatalogueProduct; market: Market; outOfStock: string }) {
  return (
    <article className="relative overflow-hidden rounded-card border border-ink-200 bg-white transition hover:shadow-md dark:border-ink-800 dark:bg-ink-900">
      <ProductImage src={product.imagePath} alt="" size={400} className="aspect-square w-full" />
      <div className="space-y-1 p-4">
        <h2 className="font-semibold">
          <Link href={`/products/${product.slug}`} className="after:absolute after:inset-0">
            {product.name}
          </Link>
        </h2>
        <p className="flex items-center justify-between text-sm">
          <Price amountMinor={product.unitPriceMinor} market={market} className="font-medium" />
          {product.stock === 0 ? <span className="text-ink-600 dark:text-ink-400">{outOfStock}</span> : null}
        </p>
      </div>
    </article>
  );
}
