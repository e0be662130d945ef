// What the cluster use cases need in this process: the database, the installation's secret box, the RAPI connector
// and the e-mail settings (a job on someone else's VM tells its owner; requests, confirmations and broadcasts mail).
import { db } from "@/lib/db/client";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { installationSecretBox } from "@/lib/manager/secrets/secret-box";
import { mailSettings } from "@/lib/manager/mail/mail-settings";
import type { RequestDeps } from "@/lib/manager/requests/request-deps";
import { loadServerConfig } from "@/lib/server/config";

export const clusterDeps = (): JobDeps => ({ db: db(), box: installationSecretBox(), connect: rapiConnector, mail: mailSettings(loadServerConfig()) });

/** The same deps, named for use cases that write mail (VM requests, confirmations, broadcasts). */
export const mailingDeps = (): RequestDeps => clusterDeps();
