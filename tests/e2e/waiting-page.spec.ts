import { expect, test } from "@playwright/test";
import { approveOnHostedPage, onHostedPageInOwnNamespace } from "./checkout-steps";

// The page a shopper waits on updates by itself: when Klarna's first answers fail, /success says
// it is confirming the payment, asks again every 2 s, and shows the order once it is placed.

test("with the first HPP reads failing, /success turns to authorized by itself, without a click", async ({ page, request }) => {
  const shopper = await onHostedPageInOwnNamespace(page, request, "waiting");
  // Enough failed reads to outlast the page's first read even if the sweep (every second in the
  // e2e server, retrying) takes some of them first.
  await shopper.armFault({ operation: "hpp.read_session", kind: "http_error", status: 503, count: 8 });

  const polled = page.waitForRequest((candidate) => candidate.url().includes("/api/orders/"), { timeout: 10_000 });
  await approveOnHostedPage(page);
  await expect(page).toHaveURL(/\/success\?sid=/);
  await expect(page.getByRole("heading", { name: "We are confirming your payment" })).toBeVisible();
  await expect(page.getByText("This page updates by itself")).toBeVisible();
  await polled;
  await expect(page.getByTestId("order-status")).toHaveText("authorized", { timeout: 10_000 });
  await expect(page.getByRole("heading", { name: "Thank you, your order is placed" })).toBeVisible();
  await shopper.reset();
});
