// What the cluster said, as the manager's typed errors: the cluster's own explanation is kept (it says what to fix),
// and the status decides the code. Anything else (unreachable, timeout, TLS) is the cluster being unavailable.
import { RapiBadRequestError, RapiConflictError, RapiError, RapiForbiddenError, RapiNotFoundError, RapiUnauthorizedError } from "@/lib/ganeti/rapi/client";
import { AppError } from "@/lib/errors/app-error";

export function clusterError(error: unknown, clusterSlug: string): unknown {
  if (!(error instanceof RapiError)) return error;
  const said = (e: RapiError) => ("serverMessage" in e && typeof e.serverMessage === "string" && e.serverMessage ? `${e.serverMessage}${"explain" in e && e.explain ? `: ${String(e.explain)}` : ""}` : e.message);
  if (error instanceof RapiBadRequestError) return new AppError("wrong_input", `Cluster ${clusterSlug} refused it: ${said(error)}`, { cause: error });
  if (error instanceof RapiNotFoundError) return new AppError("not_found", `Cluster ${clusterSlug}: ${said(error)}`, { cause: error });
  if (error instanceof RapiConflictError) return new AppError("conflict", `Cluster ${clusterSlug}: ${said(error)}`, { cause: error });
  if (error instanceof RapiUnauthorizedError || error instanceof RapiForbiddenError) {
    return new AppError("cluster_unavailable", `Cluster ${clusterSlug} refused the manager's RAPI credentials (${said(error)}); a superuser must correct them in the cluster's settings.`, { cause: error });
  }
  return new AppError("cluster_unavailable", `Cluster ${clusterSlug} did not answer: ${error.message}`, { cause: error });
}
