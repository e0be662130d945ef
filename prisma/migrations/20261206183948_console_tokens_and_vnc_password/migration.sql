-- CreateTable
CREATE TABLE "ConsoleToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "instanceName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "ConsoleToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsoleToken_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cluster" (
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
    "quotaMemory" INTEGER,
    "quotaDisk" INTEGER,
    "quotaVcpus" INTEGER,
    "vncPasswordBox" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Cluster" ("certFingerprint", "createdAt", "description", "id", "kind", "lastTestedAt", "name", "quotaDisk", "quotaMemory", "quotaVcpus", "rapiPasswordBox", "rapiUrl", "rapiUser", "rapiVersion", "readOnly", "slug", "syncDurationMs", "syncError", "syncErrorAt", "syncRequestedAt", "syncedAt", "updatedAt") SELECT "certFingerprint", "createdAt", "description", "id", "kind", "lastTestedAt", "name", "quotaDisk", "quotaMemory", "quotaVcpus", "rapiPasswordBox", "rapiUrl", "rapiUser", "rapiVersion", "readOnly", "slug", "syncDurationMs", "syncError", "syncErrorAt", "syncRequestedAt", "syncedAt", "updatedAt" FROM "Cluster";
DROP TABLE "Cluster";
ALTER TABLE "new_Cluster" RENAME TO "Cluster";
CREATE UNIQUE INDEX "Cluster_slug_key" ON "Cluster"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleToken_tokenHash_key" ON "ConsoleToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsoleToken_userId_idx" ON "ConsoleToken"("userId");

-- CreateIndex
CREATE INDEX "ConsoleToken_clusterId_idx" ON "ConsoleToken"("clusterId");

-- CreateIndex
CREATE INDEX "ConsoleToken_expiresAt_idx" ON "ConsoleToken"("expiresAt");
