// Next 16 proxy (formerly middleware): passes the requested path to server components, so that a sign-in redirect
// can bring the user back to the page they asked for. Authentication itself is checked in pages (lib/web/session.ts).
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/web/callback-path";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)"] };
