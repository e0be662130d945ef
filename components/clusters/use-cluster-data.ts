"use client";
// The queries the cluster, node and overview pages share (one cache key each, so pages and sections reuse answers).
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/web/fetch-json";
import type { ClusterOverview, ListedCluster, NodeList } from "./types";

const at = (slug: string) => encodeURIComponent(slug);

export const useClusters = () => useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });

export const useClusterOverview = (slug: string, enabled = true) =>
  useQuery({ queryKey: ["cluster-overview", slug], queryFn: () => fetchJson<ClusterOverview>(`/api/clusters/${at(slug)}/overview`), enabled, refetchInterval: 15_000, retry: false });

export const useNodes = (slug: string, enabled = true) =>
  useQuery({ queryKey: ["nodes", slug], queryFn: () => fetchJson<NodeList>(`/api/nodes?cluster=${at(slug)}`), enabled, refetchInterval: 15_000, retry: false });
