import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { checkHealth } from "@/lib/server/health";
import { GANTRY_VERSION } from "@/lib/server/version";

export const dynamic = "force-dynamic";

export async function GET() {
  const { httpStatus, body } = await checkHealth(() => db().$queryRaw`SELECT 1`, GANTRY_VERSION);
  return NextResponse.json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
}
