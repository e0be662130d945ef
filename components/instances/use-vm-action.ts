"use client";
// Sends one action on a VM (every one answers 202 {jobId, cluster}) and hands the job to the page to follow; the
// API's refusal is kept for the form to show verbatim.
import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/web/fetch-json";
import type { Submitted } from "./types";

export type VmRequest = { path?: string; method?: string; body?: unknown; label: string };
export type OnJob = (job: Submitted & { label: string }) => void;

export const vmPath = (cluster: string, name: string) => `/api/instances/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`;

/** One action's request on one VM (also what the VM list's bulk actions send, VM by VM). */
export const sendVmRequest = (cluster: string, name: string, request: Omit<VmRequest, "label">) =>
  fetchJson<Submitted>(`${vmPath(cluster, name)}${request.path ? `/${request.path}` : ""}`, { method: request.method ?? "POST", body: request.body });

export function useVmAction(cluster: string, name: string, onJob: OnJob, onDone?: () => void) {
  return useMutation({
    mutationFn: async (request: VmRequest) => ({ ...(await sendVmRequest(cluster, name, request)), label: request.label }),
    onSuccess: (job) => {
      onJob(job);
      onDone?.();
    },
  });
}
