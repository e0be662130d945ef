"use client";
// The server's opinion of the request as it stands (name taken? owner's quota after this VM?), asked a moment after
// the user stops typing — POST /api/instances/check submits nothing.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/web/fetch-json";
import type { CreateCheck, CreateRequest } from "./types";

export function useCreateCheck(request: CreateRequest | null, delay = 350) {
  const body = request ? JSON.stringify(request) : "";
  const [settled, setSettled] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(body), delay);
    return () => clearTimeout(timer);
  }, [body, delay]);
  const check = useQuery({
    queryKey: ["create-check", settled],
    queryFn: () => fetchJson<CreateCheck>("/api/instances/check", { method: "POST", body: JSON.parse(settled) }),
    enabled: settled !== "",
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 2_000,
  });
  return { ...check, current: settled === body && !check.isFetching };
}
