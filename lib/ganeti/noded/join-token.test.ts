import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { OpPrereqError } from "../errors";
import { certificatePin, makeJoinToken, parseJoinToken, sameToken } from "./join-token";

const FINGERPRINT = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

describe("join tokens", () => {
  it("are a random secret and the first 16 bytes of the certificate's fingerprint, and parse back", () => {
    const token = makeJoinToken(FINGERPRINT);
    expect(token).toMatch(/^[0-9a-f]{32}\.abcdef0123456789abcdef0123456789$/);
    expect(makeJoinToken(FINGERPRINT)).not.toBe(token);
    const parsed = parseJoinToken(token);
    expect(parsed.pin).toBe(certificatePin(FINGERPRINT));
    expect(`${parsed.secret}.${parsed.pin}`).toBe(token);
  });

  it("parse as the operator may paste them: surrounding blanks and upper case", () => {
    const token = makeJoinToken(FINGERPRINT);
    expect(parseJoinToken(`  ${token.toUpperCase()}\n`)).toEqual(parseJoinToken(token));
  });

  it("refuse malformed text, saying what a token looks like", () => {
    const secret = crypto.randomBytes(16).toString("hex");
    for (const bad of ["", "nonsense", secret, `${secret}.${secret.slice(2)}`, `${secret}:${secret}`, `${secret}.${secret}.x`, `${"g".repeat(32)}.${secret}`]) {
      const attempt = () => parseJoinToken(bad);
      expect(attempt).toThrow(OpPrereqError);
      expect(attempt).toThrow(/two groups of 32 hex digits joined by a dot/);
    }
  });

  it("compare equal only when identical, whatever the lengths", () => {
    const token = makeJoinToken(FINGERPRINT);
    expect(sameToken(token, token)).toBe(true);
    expect(sameToken(token.slice(0, -1) + (token.endsWith("0") ? "1" : "0"), token)).toBe(false);
    expect(sameToken("", token)).toBe(false);
    expect(sameToken(token + "0", token)).toBe(false);
  });
});
