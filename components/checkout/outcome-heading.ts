import type { Messages } from "@/lib/i18n/messages";
import type { ShopperOrderView } from "@/lib/orders/shopper";

// What an order's page is headed with, for the page (order-outcome.tsx, in the browser) and for
// its tab title (return-page.tsx, on the server) alike.

type Text = Messages["outcome"];
type Order = Pick<ShopperOrderView, "outcome" | "status">;

/** For an order that will not be paid, what happened to it, by its merchant status. */
export const failedStatusText = (order: Order, text: Text) =>
  order.outcome === "failed" ? text.failedStatuses[order.status as keyof Text["failedStatuses"]] : undefined;

export const outcomeHeading = (order: Order, text: Text) => failedStatusText(order, text)?.heading ?? text.headings[order.outcome];
