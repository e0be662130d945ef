// Password hashing with bcrypt (bcryptjs: pure JavaScript, no native build). Cost 12 is ~0.2 s per hash here,
// which is what makes a stolen hash expensive to attack.
import crypto from "node:crypto";
import bcrypt from "bcryptjs";

export const BCRYPT_COST = 12;
/** bcrypt only reads the first 72 bytes; longer input is refused so that nobody believes a longer passphrase helps. */
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 8;

export const hashPassword = (password: string, cost = BCRYPT_COST) => bcrypt.hash(password, cost);

export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

/** Null when acceptable, otherwise what to change. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return `Use at most ${MAX_PASSWORD_BYTES} bytes.`;
  return null;
}

/** 18 random bytes as base64url: 24 characters, ~144 bits, safe to copy from a terminal or a web page. */
export const generatePassword = () => crypto.randomBytes(18).toString("base64url");

// Compared against when an account does not exist, so an unknown e-mail costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
export const timingDummyHash = () => (dummyHash ??= hashPassword("gantry-timing-equaliser"));
