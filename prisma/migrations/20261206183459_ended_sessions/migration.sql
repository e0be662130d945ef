-- CreateTable
CREATE TABLE "EndedSession" (
    "sid" TEXT NOT NULL PRIMARY KEY,
    "endedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "EndedSession_expiresAt_idx" ON "EndedSession"("expiresAt");
