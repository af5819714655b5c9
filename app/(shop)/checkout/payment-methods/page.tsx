import type { Metadata } from "next";
import Link from "next/link";
import { CategoryChoiceForm } from "@/components/checkout/category-choice-form";
import { hppCategoryOf, orderChoosingCategories } from "@/lib/orders/checkout";

export const metadata: Metadata = { title: "Payment method" };

// The checkout's optional step between Klarna's KP session and its hosted page: the categories
// that session offers, as Klarna named them, to limit the hosted page to.
export default async function PaymentMethodsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const reference = typeof query.order === "string" ? query.order : "";
  const order = await orderChoosingCategories(reference, typeof query.k === "string" ? query.k : undefined);
  if (!order) {
    return (
      <div className="space-y-4 py-10">
        <h1 className="text-3xl font-bold">This checkout is not waiting for a choice</h1>
        <Link href="/cart" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white">
          Back to your cart
        </Link>
      </div>
    );
  }
  const categories = (order.paymentMethodCategories ?? []).map((category) => ({ ...category, hpp: hppCategoryOf(category.identifier) ?? null }));
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Payment method</h1>
      <p>
        Klarna&apos;s payment session for order <strong className="font-mono">{order.reference}</strong>{" "}
        {order.paymentMethodCategories === null ? "did not list its payment method categories." : "offers these payment method categories."}
      </p>
      <CategoryChoiceForm reference={order.reference} orderKey={String(query.k)} categories={categories} listed={order.paymentMethodCategories !== null} />
    </div>
  );
}
