import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { Price } from "@/components/ui/price";
import { ProductImage } from "@/components/ui/product-image";
import { format } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { formatTaxRate } from "@/lib/money";
import { getProductBySlug } from "@/lib/shop/catalogue";
import { currentMarket } from "@/lib/shop/request";

type Props = { params: Promise<{ slug: string }> };

// One read per request: the document title (generateMetadata) and the page share it.
const productInMarket = cache(async (slug: string) => {
  const market = await currentMarket();
  return { product: await getProductBySlug(market, slug), market };
});

async function loadProduct(params: Props["params"]) {
  const { product, market } = await productInMarket((await params).slug);
  if (!product) notFound();
  return { product, market };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await loadProduct(params);
  return { title: product.name, description: product.description };
}

export default async function ProductPage({ params }: Props) {
  const { product, market } = await loadProduct(params);
  const messages = messagesFor(market.locale);
  const text = messages.product;
  const taxNote = market.taxMode === "vat_included" ? format(text.vatIncluded, { rate: formatTaxRate(market.taxRate, market.locale) }) : text.salesTax;
  const stock = product.stock === 0 ? text.outOfStock : product.stock < 5 ? format(text.lowStock, { count: product.stock }) : text.inStock;

  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-ink-600 hover:underline dark:text-ink-400">
        {text.back}
      </Link>
      <div className="grid gap-8 md:grid-cols-2">
        <ProductImage src={product.imagePath} alt={product.name} size={400} eager className="w-full rounded-card border border-ink-200 dark:border-ink-800" />
        <div className="space-y-4">
          <h1 className="text-3xl font-bold tracking-tight">{product.name}</h1>
          <p className="text-2xl font-semibold">
            <Price amountMinor={product.unitPriceMinor} market={market} />
          </p>
          <p className="text-sm text-ink-600 dark:text-ink-400">{taxNote}</p>
          <p>{product.description}</p>
          <p className="text-sm" data-testid="stock">
            {stock}
          </p>
          <AddToCartForm productId={product.id} productName={product.name} maxQuantity={Math.min(product.stock, 99)} text={messages.addToCart} />
        </div>
      </div>
    </div>
  );
}
