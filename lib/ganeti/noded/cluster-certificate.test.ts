import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureClusterCertificate, loadClusterCertificate, parseClusterCertificate } from "./cluster-certificate";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cluster-cert-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the cluster certificate", () => {
  it("is made once as <state-dir>/server.pem, private to its owner, and the same on every later use", () => {
    const stateDir = path.join(tempDir(), "master");
    const first = ensureClusterCertificate(stateDir);
    const file = path.join(stateDir, "server.pem");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const x509 = new crypto.X509Certificate(first.cert);
    expect(x509.subject).toMatch(/O=Gantry cluster/);
    expect(x509.fingerprint256).toBe(first.fingerprint256);
    expect(x509.checkPrivateKey(crypto.createPrivateKey(first.key))).toBe(true);
    expect(ensureClusterCertificate(stateDir)).toEqual(first);
    expect(loadClusterCertificate(file)).toEqual(first);
  });

  it("refuses a PEM whose parts are missing, unreadable or do not belong together, saying which", () => {
    const made = ensureClusterCertificate(tempDir());
    const otherKey = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expect(() => parseClusterCertificate(made.cert)).toThrow(/one private key and a certificate/);
    expect(() => parseClusterCertificate(otherKey + made.cert)).toThrow(/the private key does not belong to the certificate/);
    const garbled = made.cert.replace(/\n[A-Za-z0-9+/]{20}/, "\nAAAAAAAAAAAAAAAAAAAA");
    expect(() => parseClusterCertificate(made.key + garbled)).toThrow(/the certificate does not parse/);
    expect(parseClusterCertificate(made.key + made.cert)).toEqual(made);
  });
});
