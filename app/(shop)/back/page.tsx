import { redirect } from "next/navigation";
import { ReturnView, type SearchParams } from "@/components/checkout/return-page";
import { resolveReturn } from "@/lib/orders/shopper";

// Klarna's Back button: the checkout again, with the cart and the details as they were.
export default async function BackPage({ searchParams }: { searchParams: SearchParams }) {
  const resolution = await resolveReturn("back", await searchParams);
  if (resolution.kind === "order" && resolution.order.outcome !== "placed") redirect("/checkout");
  return <ReturnView resolution={resolution} />;
}
