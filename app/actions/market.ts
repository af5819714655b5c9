"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { MARKET_COOKIE, MarketCode } from "@/lib/shop/markets";

const ONE_YEAR = 60 * 60 * 24 * 365;

export async function chooseMarket(formData: FormData): Promise<void> {
  const market = MarketCode.safeParse(formData.get("market"));
  // An unknown market keeps the current one: the picker only offers valid codes.
  if (!market.success) return;
  (await cookies()).set(MARKET_COOKIE, market.data, { sameSite: "lax", path: "/", maxAge: ONE_YEAR });
  revalidatePath("/", "layout");
}
