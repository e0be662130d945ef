// A VM request's statuses (ganetimgr's, minus "processing", which it never set; "withdrawn" is the applicant's own
// "discarded"), and which ones still hold the host name and may be decided.
export const REQUEST_STATUSES = ["pending", "approved", "submitted", "created", "failed", "rejected", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Still on their way to a VM: a new request may not ask for the same host name. */
export const OPEN_STATUSES: RequestStatus[] = ["pending", "approved", "submitted", "failed"];
/** An approver may decide these (a failed request may be approved again, elsewhere say, or rejected). */
export const DECIDABLE_STATUSES: RequestStatus[] = ["pending", "failed"];

export const STATUS_WORDS: Record<RequestStatus, string> = {
  pending: "waiting for review",
  approved: "approved, being sent to the cluster",
  submitted: "approved, the VM is being created",
  created: "the VM was created",
  failed: "creating the VM failed",
  rejected: "rejected",
  withdrawn: "withdrawn by the applicant",
};
