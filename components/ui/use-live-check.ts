"use client";
// A form's dry run on the server (POST url with the form as it stands), asked a moment after the user stops typing;
// `current` is false while what is shown is for an older version of the form.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/web/fetch-json";

export function useLiveCheck<T>(url: string, request: unknown, delay = 350) {
  const body = request ? JSON.stringify(request) : "";
  const [settled, setSettled] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(body), delay);
    return () => clearTimeout(timer);
  }, [body, delay]);
  const check = useQuery({
    queryKey: ["live-check", url, settled],
    queryFn: () => fetchJson<T>(url, { method: "POST", body: JSON.parse(settled) }),
    enabled: settled !== "",
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 2_000,
  });
  return { ...check, current: settled === body && !check.isFetching };
}
