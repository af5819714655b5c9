import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { refuseForeignCallback } from "@/lib/auth/callback-url";

export const GET = (request: NextRequest) => refuseForeignCallback(request) ?? handlers.GET(request);
export const POST = (request: NextRequest) => refuseForeignCallback(request) ?? handlers.POST(request);
