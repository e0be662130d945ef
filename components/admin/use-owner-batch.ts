"use client";
// Sets the owner of several VMs, one request each (PUT /api/instances/<cluster>/<name>/owner), one after another,
// then reloads the import report.
import { useQueryClient } from "@tanstack/react-query";
import { useBatch } from "@/components/ui/use-batch";
import { fetchJson } from "@/lib/web/fetch-json";

export type OwnerAssignment = { name: string; owner: string };

export function useOwnerBatch(slug: string) {
  const queryClient = useQueryClient();
  const batch = useBatch();
  async function run(assignments: OwnerAssignment[]) {
    await batch.run(assignments.map(({ name, owner }) => ({
      name,
      send: () => fetchJson(`/api/instances/${encodeURIComponent(slug)}/${encodeURIComponent(name)}/owner`, { method: "PUT", body: { owner } }),
    })));
    await queryClient.invalidateQueries({ queryKey: ["import", slug] });
  }
  return { state: batch.state, run };
}
