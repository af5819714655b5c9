import { connection } from "next/server";
import { requireSandboxMode } from "@/lib/auth/sandbox-operator";

// The sandbox's pages exist only in sandbox mode; against Klarna's playground or production they
// answer 404 like the rest of /sandbox. Decided per request: the mode is runtime configuration.
export default async function SandboxLayout({ children }: { children: React.ReactNode }) {
  await connection();
  requireSandboxMode();
  return children;
}
