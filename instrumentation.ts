// Next.js calls register() once when a server starts. The sweep needs Node (timers, the database),
// so it starts only in the Node.js runtime, which Next names in NEXT_RUNTIME.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startSweep } = await import("@/lib/orders/sweep");
    startSweep();
  }
}
