import type { UseMutationResult } from "@tanstack/react-query";
import type { InstanceDetail } from "./types";
import type { VmAnswer, VmRequest } from "./use-vm-action";

/** What every action form receives: the VM, the mutation that sends its request, and how to close the dialog. */
export type FormProps = { vm: InstanceDetail; action: UseMutationResult<VmAnswer, Error, VmRequest>; close: () => void };
