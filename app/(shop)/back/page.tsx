import { redirect } from "next/navigation";
import { readReturn, ReturnView, type SearchParams } from "@/components/checkout/return-page";

// Klarna's Back button: the checkout again, with the cart and the details as they were.
export default async function BackPage({ searchParams }: { searchParams: SearchParams }) {
  const resolution = await readReturn("back", searchParams);
  if (resolution.kind === "order" && resolution.order.outcome !== "placed") redirect("/checkout");
  return <ReturnView resolution={resolution} />;
}
