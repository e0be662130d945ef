// RFB "VNC Authentication" (security type 2, RFC 6143 §7.2.2): the server sends a random 16-byte challenge, the
// client answers it DES-encrypted with the password as key. The key is the password's first 8 bytes (padded with
// zeros), each byte with its bits mirrored — RealVNC's historical quirk every VNC server and client keeps. Node's
// OpenSSL 3 has DES only behind the legacy provider, hence des.js.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { DES } from "des.js";

export const VNC_CHALLENGE_LENGTH = 16;
/** VNC passwords are cut at 8 bytes by the protocol; a longer one is accepted and cut, as by every VNC server. */
export const VNC_PASSWORD_MAX_BYTES = 8;

export function newVncChallenge(): Buffer {
  return randomBytes(VNC_CHALLENGE_LENGTH);
}

/** The client's answer to `challenge` under `password`. */
export function vncAuthResponse(challenge: Uint8Array, password: string): Buffer {
  if (challenge.length !== VNC_CHALLENGE_LENGTH) throw new Error(`A VNC challenge has ${VNC_CHALLENGE_LENGTH} bytes, not ${challenge.length}`);
  const key = Buffer.alloc(8);
  Buffer.from(password, "latin1").copy(key, 0, 0, VNC_PASSWORD_MAX_BYTES);
  const cipher = DES.create({ type: "encrypt", key: Array.from(key, mirrorBits) });
  return Buffer.from(cipher.update(challenge));
}

/** Whether `response` answers `challenge` under `password` (compared in constant time). */
export function vncAuthMatches(challenge: Uint8Array, response: Uint8Array, password: string): boolean {
  if (response.length !== VNC_CHALLENGE_LENGTH) return false;
  return timingSafeEqual(vncAuthResponse(challenge, password), response);
}

function mirrorBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) out |= ((byte >> bit) & 1) << (7 - bit);
  return out;
}
