import { expect, test } from "@playwright/test";
import { approveOnHostedPage, onHostedPageInOwnNamespace } from "./checkout-steps";

// When placing the order fails after the shopper approved, the shopper reads what it means for
// them in the shop's words, not Klarna's error code or the sandbox's fault text.

test("a place-order call without a clear answer tells the shopper what happens next, without Klarna's internals", async ({ page, request }) => {
  const shopper = await onHostedPageInOwnNamespace(page, request, "failed");
  // A 500 from place order: Klarna may have placed it, so the shop may not try again on its own.
  await shopper.armFault({ operation: "kp.place_order", kind: "http_error", status: 500, count: 1 });

  await approveOnHostedPage(page);
  await expect(page).toHaveURL(/\/success\?sid=/);
  await expect(page.getByTestId("order-status")).toHaveText("needs_attention");
  await expect(page.getByRole("heading", { name: "We are checking this payment" })).toBeVisible();
  await expect(
    page.getByText("We could not confirm the payment with Klarna. The shop is checking it and will e-mail you; please do not pay again meanwhile."),
  ).toBeVisible();
  const main = page.getByRole("main");
  for (const internal of ["Injected", "INTERNAL_SERVER_ERROR", "Reason:"]) await expect(main).not.toContainText(internal);
  await shopper.reset();
});
