-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "quotaDisk" INTEGER;
ALTER TABLE "Cluster" ADD COLUMN "quotaMemory" INTEGER;
ALTER TABLE "Cluster" ADD COLUMN "quotaVcpus" INTEGER;

-- CreateTable
CREATE TABLE "InstanceOwner" (
    "clusterId" TEXT NOT NULL,
    "instanceName" TEXT NOT NULL,
    "persona" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("clusterId", "instanceName"),
    CONSTRAINT "InstanceOwner_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Permission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grantee" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "instanceName" TEXT NOT NULL DEFAULT '',
    "perm" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Permission_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quota" (
    "clusterId" TEXT NOT NULL,
    "persona" TEXT NOT NULL,
    "memory" INTEGER,
    "disk" INTEGER,
    "vcpus" INTEGER,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("clusterId", "persona"),
    CONSTRAINT "Quota_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ManagerJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "jobId" INTEGER,
    "action" TEXT NOT NULL,
    "instanceName" TEXT NOT NULL DEFAULT '',
    "persona" TEXT NOT NULL DEFAULT '',
    "memory" INTEGER NOT NULL DEFAULT 0,
    "vcpus" INTEGER NOT NULL DEFAULT 0,
    "disk" INTEGER NOT NULL DEFAULT 0,
    "actorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitting',
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "ManagerJob_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CachedInstance" (
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uuid" TEXT NOT NULL DEFAULT '',
    "pnode" TEXT NOT NULL DEFAULT '',
    "snodes" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT '',
    "adminState" TEXT NOT NULL DEFAULT '',
    "operState" BOOLEAN,
    "diskTemplate" TEXT NOT NULL DEFAULT '',
    "os" TEXT NOT NULL DEFAULT '',
    "memory" INTEGER NOT NULL DEFAULT 0,
    "vcpus" INTEGER NOT NULL DEFAULT 0,
    "diskSize" INTEGER NOT NULL DEFAULT 0,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "mtime" REAL NOT NULL DEFAULT 0,
    "serialNo" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT NOT NULL DEFAULT '{}',
    "ownerKey" TEXT NOT NULL DEFAULT '',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("clusterId", "name"),
    CONSTRAINT "CachedInstance_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CachedInstance" ("adminState", "clusterId", "data", "diskSize", "diskTemplate", "memory", "mtime", "name", "operState", "os", "pnode", "serialNo", "snodes", "status", "syncedAt", "tags", "uuid", "vcpus") SELECT "adminState", "clusterId", "data", "diskSize", "diskTemplate", "memory", "mtime", "name", "operState", "os", "pnode", "serialNo", "snodes", "status", "syncedAt", "tags", "uuid", "vcpus" FROM "CachedInstance";
DROP TABLE "CachedInstance";
ALTER TABLE "new_CachedInstance" RENAME TO "CachedInstance";
CREATE INDEX "CachedInstance_clusterId_pnode_idx" ON "CachedInstance"("clusterId", "pnode");
CREATE INDEX "CachedInstance_name_idx" ON "CachedInstance"("name");
CREATE INDEX "CachedInstance_ownerKey_name_idx" ON "CachedInstance"("ownerKey", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InstanceOwner_persona_idx" ON "InstanceOwner"("persona");

-- CreateIndex
CREATE INDEX "Permission_clusterId_instanceName_idx" ON "Permission"("clusterId", "instanceName");

-- CreateIndex
CREATE UNIQUE INDEX "Permission_grantee_clusterId_instanceName_perm_key" ON "Permission"("grantee", "clusterId", "instanceName", "perm");

-- CreateIndex
CREATE INDEX "ManagerJob_clusterId_endedAt_idx" ON "ManagerJob"("clusterId", "endedAt");

-- CreateIndex
CREATE INDEX "ManagerJob_persona_endedAt_idx" ON "ManagerJob"("persona", "endedAt");
