import { notFound } from "next/navigation";
import { config } from "@/lib/config";

// The sandbox's pages exist only in sandbox mode; against Klarna's playground or production they
// answer 404 like the rest of /sandbox.
export default function SandboxLayout({ children }: { children: React.ReactNode }) {
  if (!config().sandboxEnabled) notFound();
  return children;
}
