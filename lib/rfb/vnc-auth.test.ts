import { describe, expect, it } from "vitest";
import { newVncChallenge, vncAuthMatches, vncAuthResponse } from "./vnc-auth";

describe("VNC authentication", () => {
  // Known answer computed with OpenSSL's DES-ECB (legacy provider) and the bit-mirrored key of "password":
  // key 0e86cece eef64e26, challenge 00..0f.
  it("answers a challenge as every VNC client does", () => {
    const challenge = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
    expect(vncAuthResponse(challenge, "password").toString("hex")).toBe(KNOWN_ANSWER);
  });

  it("uses only the first 8 bytes of a password", () => {
    const challenge = newVncChallenge();
    expect(vncAuthMatches(challenge, vncAuthResponse(challenge, "password-and-more"), "password")).toBe(true);
  });

  it("refuses a wrong password or a short answer", () => {
    const challenge = newVncChallenge();
    expect(vncAuthMatches(challenge, vncAuthResponse(challenge, "secret"), "Secret")).toBe(false);
    expect(vncAuthMatches(challenge, Buffer.alloc(8), "secret")).toBe(false);
  });
});

const KNOWN_ANSWER = "b866924125c8eebb9debc1db61c538e2";
