import type { UseMutationResult } from "@tanstack/react-query";
import type { InstanceDetail, Submitted } from "./types";
import type { VmRequest } from "./use-vm-action";

/** What every action form receives: the VM, the mutation that sends its request, and how to close the dialog. */
export type FormProps = { vm: InstanceDetail; action: UseMutationResult<Submitted & { label: string }, Error, VmRequest>; close: () => void };
