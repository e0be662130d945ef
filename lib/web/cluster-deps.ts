// What the cluster use cases need in this process: the database, the installation's secret box, the RAPI connector.
import { db } from "@/lib/db/client";
import type { ClusterDeps } from "@/lib/manager/clusters/add-cluster";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { installationSecretBox } from "@/lib/manager/secrets/secret-box";
import { mailSettings } from "@/lib/manager/mail/mail-settings";
import type { RequestDeps } from "@/lib/manager/requests/request-deps";
import { loadServerConfig } from "@/lib/server/config";

export const clusterDeps = (): ClusterDeps => ({ db: db(), box: installationSecretBox(), connect: rapiConnector });

/** clusterDeps and the e-mail settings, for use cases that write mail (VM requests, confirmations, broadcasts). */
export const mailingDeps = (): RequestDeps => ({ ...clusterDeps(), mail: mailSettings(loadServerConfig()) });
