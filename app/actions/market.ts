"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { MARKET_COOKIE } from "@/lib/shop/markets";
import { isOfferedMarket } from "@/lib/shop/offered-markets";
import { formAction } from "@/lib/http/form-action";

const ONE_YEAR = 60 * 60 * 24 * 365;

export const chooseMarket = formAction(async (formData: FormData): Promise<void> => {
  const market = String(formData.get("market") ?? "");
  // An unknown market, or one the shop does not sell in, keeps the current one: the picker offers only those on sale.
  if (!isOfferedMarket(market)) return;
  (await cookies()).set(MARKET_COOKIE, market, { sameSite: "lax", path: "/", maxAge: ONE_YEAR });
  revalidatePath("/", "layout");
});
