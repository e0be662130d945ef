"use client";
// Sends a batch of requests, one per item and one after another (each goes through the API's own checks, as if made
// alone), counting progress and keeping each item's outcome: the API's answer, or its refusal in words.
import { useState } from "react";

export type BatchOutcome<R> = { name: string; ok: true; value: R } | { name: string; ok: false; message: string };
export type BatchState<R = unknown> = { running: boolean; names: string[]; outcomes: Array<BatchOutcome<R>> };
export type BatchItem<R> = { name: string; send: () => Promise<R> };

const IDLE: BatchState<never> = { running: false, names: [], outcomes: [] };

export function useBatch<R = unknown>() {
  const [state, setState] = useState<BatchState<R>>(IDLE);
  async function run(items: Array<BatchItem<R>>): Promise<Array<BatchOutcome<R>>> {
    const names = items.map((i) => i.name);
    const outcomes: Array<BatchOutcome<R>> = [];
    setState({ running: true, names, outcomes: [] });
    for (const { name, send } of items) {
      try {
        outcomes.push({ name, ok: true, value: await send() });
      } catch (error) {
        outcomes.push({ name, ok: false, message: error instanceof Error ? error.message : String(error) });
      }
      setState({ running: true, names, outcomes: [...outcomes] });
    }
    setState({ running: false, names, outcomes });
    return outcomes;
  }
  return { state, run, reset: () => setState(IDLE) };
}
