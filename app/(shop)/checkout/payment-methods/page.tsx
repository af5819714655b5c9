import type { Metadata } from "next";
import Link from "next/link";
import { CategoryChoiceForm } from "@/components/checkout/category-choice-form";
import { rich } from "@/lib/i18n/format";
import { hppCategoryOf, orderChoosingCategories } from "@/lib/orders/checkout";
import { currentMessages } from "@/lib/shop/request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await currentMessages()).meta.paymentMethod };
}

// The checkout's optional step between Klarna's KP session and its hosted page: the categories
// that session offers, as Klarna named them, to limit the hosted page to.
export default async function PaymentMethodsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const messages = await currentMessages();
  const text = messages.paymentMethods;
  const reference = typeof query.order === "string" ? query.order : "";
  const order = await orderChoosingCategories(reference, typeof query.k === "string" ? query.k : undefined);
  if (!order) {
    return (
      <div className="space-y-4 py-10">
        <h1 className="text-3xl font-bold">{text.notWaiting}</h1>
        <Link href="/cart" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white">
          {text.backToCart}
        </Link>
      </div>
    );
  }
  const categories = (order.paymentMethodCategories ?? []).map((category) => ({ ...category, hpp: hppCategoryOf(category.identifier) ?? null }));
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{text.heading}</h1>
      <p>
        {rich(order.paymentMethodCategories === null ? text.notListed : text.offers, {
          reference: <strong className="font-mono">{order.reference}</strong>,
        })}
      </p>
      <CategoryChoiceForm
        reference={order.reference}
        orderKey={String(query.k)}
        categories={categories}
        listed={order.paymentMethodCategories !== null}
        text={messages.categoryChoice}
      />
    </div>
  );
}
