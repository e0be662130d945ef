"use client";
// The server's opinion of the request as it stands (name taken? owner's quota after this VM?), asked a moment after
// the user stops typing — POST /api/instances/check submits nothing.
import { useLiveCheck } from "@/components/ui/use-live-check";
import type { CreateCheck, CreateRequest } from "./types";

export const useCreateCheck = (request: CreateRequest | null, delay = 350) => useLiveCheck<CreateCheck>("/api/instances/check", request, delay);
