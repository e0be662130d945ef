// How the manager reaches a cluster: ClusterClient, RAPI v2 shaped, for embedded and remote clusters alike (the
// embedded one is reached through its masterd's RAPI). The connection test used when a cluster is saved lives here.
import { normalizeFingerprint, RapiClient, RapiError, RapiUnauthorizedError } from "@/lib/ganeti/rapi/client";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/lib/generated/prisma/client";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";

/** Where a cluster's RAPI is and who we are there; the password in clear, so it never leaves the server. */
export type ClusterEndpoint = { url: string; username: string; password: string; fingerprint: string };

export type ClusterClient = Pick<
  RapiClient,
  | "getInfo" | "getVersion" | "getNodes" | "getGroups" | "getNetworks" | "getInstances" | "getInstance" | "getInstanceConsole" | "getJobs" | "getJobStatus" | "query" | "queryText" | "close"
  | "createInstance" | "deleteInstance" | "startupInstance" | "shutdownInstance" | "rebootInstance" | "modifyInstance" | "migrateInstance"
  | "failoverInstance" | "renameInstance" | "reinstallInstance" | "growInstanceDisk" | "replaceInstanceDisks"
  | "getNodeRole" | "setNodeRole" | "evacuateNode" | "migrateNode" | "cancelJob" | "redistributeConfig" | "getOperatingSystems"
  | "getTags" | "addTags" | "deleteTags"
>;

export type ClusterConnector = (endpoint: ClusterEndpoint) => ClusterClient;

export const rapiConnector: ClusterConnector = (endpoint) =>
  new RapiClient({
    url: endpoint.url,
    ...(endpoint.username ? { username: endpoint.username, password: endpoint.password } : {}),
    ...(endpoint.fingerprint ? { fingerprint: endpoint.fingerprint } : {}),
    timeoutMs: 15_000,
    retries: 1,
  });

export const passwordContext = (clusterId: string) => `cluster:${clusterId}:rapi-password`;

export function endpointOf(cluster: Cluster, box: SecretBox): ClusterEndpoint {
  return {
    url: cluster.rapiUrl,
    username: cluster.rapiUser,
    password: cluster.rapiPasswordBox ? box.open(cluster.rapiPasswordBox, passwordContext(cluster.id)) : "",
    fingerprint: cluster.certFingerprint,
  };
}

/** A fingerprint as stored ("AA:BB:…"), or "" for none; wrong_input naming the problem otherwise. */
export function checkedFingerprint(text: string): string {
  if (!text) return "";
  try {
    return normalizeFingerprint(text);
  } catch (error) {
    throw new AppError("wrong_input", `Certificate fingerprint: ${(error as Error).message}`);
  }
}

export type ProbeResult = { name: string; rapiVersion: number };

/**
 * Asks the cluster who it is (GET /2/version, GET /2/info), with the credentials when there are some (a server checks
 * credentials that are sent even for anonymous reads). Any failure is wrong_input with the client's explanation.
 */
export async function probeCluster(connect: ClusterConnector, endpoint: ClusterEndpoint): Promise<ProbeResult> {
  let client: ClusterClient;
  try {
    client = connect(endpoint);
  } catch (error) {
    throw new AppError("wrong_input", `RAPI URL: ${(error as Error).message}`, { cause: error });
  }
  try {
    const rapiVersion = await client.getVersion();
    const info = await client.getInfo();
    return { name: String(info.name ?? ""), rapiVersion };
  } catch (error) {
    if (error instanceof RapiUnauthorizedError) throw new AppError("wrong_input", `The cluster refused the user name or password: ${error.message}`, { cause: error });
    if (error instanceof RapiError) throw new AppError("wrong_input", `Could not reach the cluster's RAPI: ${error.message}`, { cause: error });
    throw error;
  } finally {
    client.close();
  }
}
