"use client";
// Sets the owner of several VMs, one request each (PUT /api/instances/<cluster>/<name>/owner), one after another,
// counting progress and keeping each failure's message.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/web/fetch-json";

export type OwnerAssignment = { name: string; owner: string };
export type BatchState = { running: boolean; done: number; total: number; failures: Array<{ name: string; message: string }> };

const IDLE: BatchState = { running: false, done: 0, total: 0, failures: [] };

export function useOwnerBatch(slug: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<BatchState>(IDLE);
  async function run(assignments: OwnerAssignment[]) {
    setState({ running: true, done: 0, total: assignments.length, failures: [] });
    const failures: BatchState["failures"] = [];
    for (const [index, { name, owner }] of assignments.entries()) {
      try {
        await fetchJson(`/api/instances/${encodeURIComponent(slug)}/${encodeURIComponent(name)}/owner`, { method: "PUT", body: { owner } });
      } catch (error) {
        failures.push({ name, message: error instanceof Error ? error.message : String(error) });
      }
      setState({ running: true, done: index + 1, total: assignments.length, failures: [...failures] });
    }
    setState({ running: false, done: assignments.length, total: assignments.length, failures });
    await queryClient.invalidateQueries({ queryKey: ["import", slug] });
  }
  return { state, run };
}
