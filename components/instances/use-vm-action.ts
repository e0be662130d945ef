"use client";
// Sends one action on a VM and hands the answer to the page: a job to follow (202 {jobId, cluster}), or — for an
// owner's delete, reinstall or rename when the admin asks for confirmations — the news that a confirmation link was
// mailed (202 {confirmation: "sent", to, expiresAt}). The API's refusal is kept for the form to show verbatim.
import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/web/fetch-json";
import type { ConfirmationSent, Submitted } from "./types";

export type VmRequest = { path?: string; method?: string; body?: unknown; label: string };
/** What an action answers, with the label of what was asked. */
export type VmAnswer = (Submitted | ConfirmationSent) & { label: string };
export type OnJob = (answer: VmAnswer) => void;

export const isConfirmation = (answer: Submitted | ConfirmationSent): answer is ConfirmationSent => "confirmation" in answer;

export const vmPath = (cluster: string, name: string) => `/api/instances/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`;

/** One action's request on one VM (also what the VM list's bulk actions send, VM by VM). */
export const sendVmRequest = (cluster: string, name: string, request: Omit<VmRequest, "label">) =>
  fetchJson<Submitted | ConfirmationSent>(`${vmPath(cluster, name)}${request.path ? `/${request.path}` : ""}`, { method: request.method ?? "POST", body: request.body });

export function useVmAction(cluster: string, name: string, onJob: OnJob, onDone?: () => void) {
  return useMutation({
    mutationFn: async (request: VmRequest): Promise<VmAnswer> => ({ ...(await sendVmRequest(cluster, name, request)), label: request.label }),
    onSuccess: (answer) => {
      onJob(answer);
      onDone?.();
    },
  });
}
