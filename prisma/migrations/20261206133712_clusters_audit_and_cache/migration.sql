-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rapiUrl" TEXT NOT NULL,
    "rapiUser" TEXT NOT NULL DEFAULT '',
    "rapiPasswordBox" TEXT NOT NULL DEFAULT '',
    "certFingerprint" TEXT NOT NULL DEFAULT '',
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "rapiVersion" INTEGER,
    "lastTestedAt" DATETIME,
    "syncedAt" DATETIME,
    "syncDurationMs" INTEGER,
    "syncError" TEXT NOT NULL DEFAULT '',
    "syncErrorAt" DATETIME,
    "syncRequestedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CachedInstance" (
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
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("clusterId", "name"),
    CONSTRAINT "CachedInstance_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CachedNode" (
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uuid" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT '',
    "groupName" TEXT NOT NULL DEFAULT '',
    "offline" BOOLEAN NOT NULL DEFAULT false,
    "drained" BOOLEAN NOT NULL DEFAULT false,
    "masterCandidate" BOOLEAN NOT NULL DEFAULT false,
    "vmCapable" BOOLEAN NOT NULL DEFAULT true,
    "mtotal" INTEGER,
    "mfree" INTEGER,
    "dtotal" INTEGER,
    "dfree" INTEGER,
    "ctotal" INTEGER,
    "pinstCnt" INTEGER NOT NULL DEFAULT 0,
    "sinstCnt" INTEGER NOT NULL DEFAULT 0,
    "mtime" REAL NOT NULL DEFAULT 0,
    "serialNo" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT NOT NULL DEFAULT '{}',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("clusterId", "name"),
    CONSTRAINT "CachedNode_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CachedGroup" (
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uuid" TEXT NOT NULL DEFAULT '',
    "allocPolicy" TEXT NOT NULL DEFAULT '',
    "nodeCount" INTEGER NOT NULL DEFAULT 0,
    "mtime" REAL NOT NULL DEFAULT 0,
    "serialNo" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT NOT NULL DEFAULT '{}',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("clusterId", "name"),
    CONSTRAINT "CachedGroup_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CachedJob" (
    "clusterId" TEXT NOT NULL,
    "jobId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "receivedAt" REAL,
    "startedAt" REAL,
    "endedAt" REAL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("clusterId", "jobId"),
    CONSTRAINT "CachedJob_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL DEFAULT '',
    "persona" TEXT NOT NULL DEFAULT '',
    "ip" TEXT NOT NULL DEFAULT '',
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL DEFAULT '',
    "objectId" TEXT NOT NULL DEFAULT '',
    "objectName" TEXT NOT NULL DEFAULT '',
    "clusterId" TEXT,
    "jobId" INTEGER,
    "before" TEXT,
    "after" TEXT,
    "result" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT ''
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_slug_key" ON "Cluster"("slug");

-- CreateIndex
CREATE INDEX "CachedInstance_clusterId_pnode_idx" ON "CachedInstance"("clusterId", "pnode");

-- CreateIndex
CREATE INDEX "CachedInstance_name_idx" ON "CachedInstance"("name");

-- CreateIndex
CREATE INDEX "CachedJob_clusterId_status_idx" ON "CachedJob"("clusterId", "status");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_objectType_objectId_idx" ON "AuditEntry"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_idx" ON "AuditEntry"("actorId");

-- CreateIndex
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");
