import { expect, test } from "@playwright/test";
import { fillCart, openCheckout, payWithKlarna, SANDBOX_AUTH } from "./checkout-steps";

// Moving the sandbox clock affects every session, so this project runs after all the others.

test("a session that expired before payment shows an explicit error page, and the order expires", async ({ page, request }) => {
  await fillCart(page);
  await openCheckout(page);
  await payWithKlarna(page);
  try {
    expect((await request.post("/sandbox/api/_control/clock/advance", { headers: SANDBOX_AUTH, data: { seconds: 47 * 3600 + 60 } })).status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "EXPIRED");
    await expect(page.getByTestId("hpp-approve")).toHaveCount(0);
  } finally {
    await request.post("/sandbox/api/_control/clock/reset", { headers: SANDBOX_AUTH });
  }
});
