"use client";
// A live dot in the header: green while /api/health answers 200, red with the reason otherwise.
import { useQuery } from "@tanstack/react-query";

type Health = { status: "ok" | "error"; error?: string };

async function fetchHealth(): Promise<Health> {
  const response = await fetch("/api/health", { cache: "no-store" });
  return (await response.json()) as Health;
}

export function HealthIndicator() {
  const { data, isError } = useQuery({ queryKey: ["health"], queryFn: fetchHealth, refetchInterval: 30_000 });
  const ok = data?.status === "ok" && !isError;
  const label = !data && !isError ? "Checking…" : ok ? "All systems answering" : `Problem: ${data?.error ?? "server unreachable"}`;
  return (
    <span className="flex items-center gap-2 text-xs text-slate-500" title={label}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${!data && !isError ? "bg-slate-300" : ok ? "bg-emerald-500" : "bg-red-500"}`} />
      <span className="sr-only">{label}</span>
    </span>
  );
}
