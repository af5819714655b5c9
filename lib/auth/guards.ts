import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { auth } from "./index";
import type { BackOfficeUser, Role } from "./sign-in";

// Every back-office page, action and route handler starts with one of these.

export async function currentUser(): Promise<BackOfficeUser | null> {
  const session = await auth();
  const user = session?.user as Partial<BackOfficeUser> | undefined;
  if (!user?.id || !user.email || (user.role !== "admin" && user.role !== "viewer")) return null;
  return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role };
}

/** For pages: a signed-out visitor goes to the sign-in page. */
export async function requireSignedIn(): Promise<BackOfficeUser> {
  const user = await currentUser();
  if (!user) redirect("/admin/login");
  return user;
}

/** For server actions and route handlers: 401 when signed out, 403 without the role. */
export async function requireRole(role: Role = "admin"): Promise<BackOfficeUser> {
  const user = await currentUser();
  if (!user) unauthorized();
  if (role === "admin" && user.role !== "admin") forbidden();
  return user;
}

export const requireAdmin = () => requireRole("admin");
