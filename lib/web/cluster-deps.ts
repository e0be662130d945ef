// What the cluster use cases need in this process: the database, the installation's secret box, the RAPI connector.
import { db } from "@/lib/db/client";
import type { ClusterDeps } from "@/lib/manager/clusters/add-cluster";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { installationSecretBox } from "@/lib/manager/secrets/secret-box";

export const clusterDeps = (): ClusterDeps => ({ db: db(), box: installationSecretBox(), connect: rapiConnector });
