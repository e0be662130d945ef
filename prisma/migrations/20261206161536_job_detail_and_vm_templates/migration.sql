-- CreateTable
CREATE TABLE "VmTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "diskTemplate" TEXT NOT NULL,
    "disks" TEXT NOT NULL DEFAULT '[]',
    "memory" INTEGER NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "os" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VmTemplate_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ManagerJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "jobId" INTEGER,
    "action" TEXT NOT NULL,
    "instanceName" TEXT NOT NULL DEFAULT '',
    "persona" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "memory" INTEGER NOT NULL DEFAULT 0,
    "vcpus" INTEGER NOT NULL DEFAULT 0,
    "disk" INTEGER NOT NULL DEFAULT 0,
    "actorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitting',
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "ManagerJob_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ManagerJob" ("action", "actorId", "clusterId", "disk", "endedAt", "id", "instanceName", "jobId", "memory", "persona", "status", "submittedAt", "vcpus") SELECT "action", "actorId", "clusterId", "disk", "endedAt", "id", "instanceName", "jobId", "memory", "persona", "status", "submittedAt", "vcpus" FROM "ManagerJob";
DROP TABLE "ManagerJob";
ALTER TABLE "new_ManagerJob" RENAME TO "ManagerJob";
CREATE INDEX "ManagerJob_clusterId_endedAt_idx" ON "ManagerJob"("clusterId", "endedAt");
CREATE INDEX "ManagerJob_persona_endedAt_idx" ON "ManagerJob"("persona", "endedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "VmTemplate_clusterId_name_key" ON "VmTemplate"("clusterId", "name");
