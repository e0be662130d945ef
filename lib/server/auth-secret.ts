// The secret that signs and encrypts session tokens. When NEXTAUTH_SECRET is not set, one is generated on the first
// start and kept in the data directory (mode 0600), so sessions survive restarts without shipping a fixed secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomicSync } from "@/lib/ganeti/config/atomic-write";

export const AUTH_SECRET_FILE = "nextauth-secret";

export function loadOrCreateAuthSecret(dataDir: string): { secret: string; created: boolean } {
  const file = path.join(dataDir, AUTH_SECRET_FILE);
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, created: false };
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  writeFileAtomicSync(file, `${secret}\n`, 0o600);
  return { secret, created: true };
}
