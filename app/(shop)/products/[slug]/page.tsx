import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { Price } from "@/components/ui/price";
import { formatTaxRate } from "@/lib/money";
import { getProductBySlug } from "@/lib/shop/catalogue";
import { currentMarket } from "@/lib/shop/request";

type Props = { params: Promise<{ slug: string }> };

async function loadProduct(params: Props["params"]) {
  const [{ slug }, market] = await Promise.all([params, currentMarket()]);
  const product = await getProductBySlug(market, slug);
  if (!product) notFound();
  return { product, market };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await loadProduct(params);
  return { title: product.name, description: product.description };
}

export default async function ProductPage({ params }: Props) {
  const { product, market } = await loadProduct(params);
  const taxNote =
    market.taxMode === "vat_included"
      ? `Includes ${formatTaxRate(market.taxRate, market.locale)} VAT`
      : "Sales tax is added at checkout";

  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-ink-600 hover:underline dark:text-ink-400">
        ← All products
      </Link>
      <div className="grid gap-8 md:grid-cols-2">
        <Image src={product.imagePath} alt={product.name} width={400} height={400} priority className="w-full rounded-card border border-ink-200 dark:border-ink-800" />
        <div className="space-y-4">
          <h1 className="text-3xl font-bold tracking-tight">{product.name}</h1>
          <p className="text-2xl font-semibold">
            <Price amountMinor={product.unitPriceMinor} market={market} />
          </p>
          <p className="text-sm text-ink-600 dark:text-ink-400">{taxNote}</p>
          <p>{product.description}</p>
          <p className="text-sm" data-testid="stock">
            {product.stock === 0 ? "Out of stock" : product.stock < 5 ? `Only ${product.stock} left in stock` : "In stock"}
          </p>
          <AddToCartForm productId={product.id} maxQuantity={Math.min(product.stock, 99)} />
        </div>
      </div>
    </div>
  );
}
