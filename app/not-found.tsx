import { ShopFrame } from "@/components/shop/shop-frame";
import { NotFoundMessage } from "@/components/ui/not-found-message";
import { currentMessages } from "@/lib/shop/request";

// Addresses no route matches are the shop's: they keep its header, with the market and the cart, and its language.
export default async function NotFound() {
  return (
    <ShopFrame mainClassName="flex-1 px-4 py-8">
      <NotFoundMessage text={(await currentMessages()).notFound} href="/" />
    </ShopFrame>
  );
}
