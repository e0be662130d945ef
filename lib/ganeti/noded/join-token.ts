// The one-time token an unjoined noded prints for `gnt-node add` (as kubeadm's join tokens): `<secret>.<pin>`, 32 hex
// digits each. The secret proves the master got it from the node's operator; the pin (the first 16 bytes of the
// SHA-256 fingerprint of the node's temporary certificate) lets the master check it is talking to that very node
// before it hands over the cluster certificate.
import crypto from "node:crypto";
import { OpPrereqError } from "../errors";

export type JoinToken = { secret: string; pin: string };

const TOKEN = /^([0-9a-f]{32})\.([0-9a-f]{32})$/;

/** The pin of a certificate: Node's fingerprint256 ("AB:CD:…") as 32 lowercase hex digits. */
export function certificatePin(fingerprint256: string): string {
  return fingerprint256.replaceAll(":", "").toLowerCase().slice(0, 32);
}

export function makeJoinToken(fingerprint256: string): string {
  return `${crypto.randomBytes(16).toString("hex")}.${certificatePin(fingerprint256)}`;
}

export function parseJoinToken(text: string): JoinToken {
  const match = TOKEN.exec(text.trim().toLowerCase());
  if (!match) {
    throw new OpPrereqError(
      "A join token is two groups of 32 hex digits joined by a dot (<secret>.<certificate pin>), as the node's noded printed it (join token: …)",
    );
  }
  return { secret: match[1]!, pin: match[2]! };
}

/** Compares a presented token with the node's own in constant time (hashes make the lengths equal). */
export function sameToken(presented: string, expected: string): boolean {
  const digest = (text: string) => crypto.createHash("sha256").update(text).digest();
  return crypto.timingSafeEqual(digest(presented), digest(expected));
}
