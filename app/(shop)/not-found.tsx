import { NotFoundMessage } from "@/components/ui/not-found-message";
import { currentMessages } from "@/lib/shop/request";

// A shop page that finds nothing (an unknown product or order): the shop's layout already frames it.
export default async function ShopNotFound() {
  return <NotFoundMessage text={(await currentMessages()).notFound} href="/" />;
}
