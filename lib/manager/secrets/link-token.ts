// Secrets handed out once as part of a link (a console's WebSocket URL, a confirmation mailed to a VM's owner): 32
// random bytes, base64url; the database keeps only their SHA-256, so a copy of the database opens nothing.
import crypto from "node:crypto";

export const newLinkToken = (): string => crypto.randomBytes(32).toString("base64url");

export const hashLinkToken = (token: string): string => crypto.createHash("sha256").update(token, "utf8").digest("hex");
