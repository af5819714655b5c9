"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { MARKET_COOKIE } from "@/lib/shop/markets";
import { isOfferedMarket } from "@/lib/shop/offered-markets";

const ONE_YEAR = 60 * 60 * 24 * 365;

// The picker offers only the markets on sale, and shows no answer: an unknown market, or one the
// shop does not sell in, keeps the current one.
const MarketForm = z.object({ market: z.string().refine(isOfferedMarket) });

export const chooseMarket = validatedAction({ schema: MarketForm, role: "shopper" }, async ({ market }) => {
  (await cookies()).set(MARKET_COOKIE, market, { sameSite: "lax", path: "/", maxAge: ONE_YEAR });
  revalidatePath("/", "layout");
});
