// TLS keys and certificates kept in one PEM file each, as Ganeti keeps rapi.pem and server.pem. On first use a
// self-signed certificate is made with the openssl command (EC P-256, ten years, the given names and 127.0.0.1 as
// subject alternative names); a file the operator put there is used as it is.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomicSync } from "../../config/atomic-write";
import { ConfigurationError } from "../../errors";

export type TlsMaterial = { key: string; cert: string; file: string; created: boolean; fingerprint256: string };

/** Which certificate: its file in the directory, the subject's O=, and what the operator can do if openssl fails. */
export type CertificateKind = { fileName: string; organization: string; purpose: string; alternative?: string };

export const RAPI_CERTIFICATE: CertificateKind = {
  fileName: "rapi.pem",
  organization: "Gantry RAPI",
  purpose: "the RAPI certificate",
  alternative: "or set GANTRY_RAPI_TLS=0 for plain HTTP",
};

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/** Splits a PEM bundle into its private key and its certificate chain. */
export function splitPem(pem: string): { key: string; cert: string } {
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  const key = blocks.filter((b) => b[1]!.endsWith("PRIVATE KEY")).map((b) => b[0]);
  const cert = blocks.filter((b) => b[1] === "CERTIFICATE").map((b) => b[0]);
  if (key.length !== 1 || !cert.length) throw new ConfigurationError("the PEM must hold one private key and a certificate");
  return { key: key[0]! + "\n", cert: cert.join("\n") + "\n" };
}

export function ensureCertificate(dir: string, names: string[], kind: CertificateKind = RAPI_CERTIFICATE): TlsMaterial {
  const file = path.join(dir, kind.fileName);
  let created = false;
  if (!fs.existsSync(file)) {
    writeFileAtomicSync(file, generateSelfSigned(dir, names, kind), 0o600);
    created = true;
  }
  let key: string, cert: string, x509: crypto.X509Certificate;
  try {
    ({ key, cert } = splitPem(fs.readFileSync(file, "utf8")));
    x509 = new crypto.X509Certificate(cert);
    if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) throw new Error("the private key does not belong to the certificate");
  } catch (error) {
    throw new ConfigurationError(`${file}: ${(error as Error).message}`);
  }
  return { key, cert, file, created, fingerprint256: x509.fingerprint256 };
}

function generateSelfSigned(dir: string, names: string[], kind: CertificateKind): string {
  const work = fs.mkdtempSync(path.join(dir, ".cert-"));
  try {
    const keyFile = path.join(work, "key.pem");
    const certFile = path.join(work, "cert.pem");
    const dnsNames = [...new Set([...names, "localhost"].filter((n) => /^[a-z0-9.-]+$/i.test(n)))];
    const san = [...dnsNames.map((n) => `DNS:${n}`), "IP:127.0.0.1", "IP:::1"].join(",");
    const subject = `/CN=${dnsNames[0] ?? "localhost"}/O=${kind.organization}`;
    try {
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-sha256", "-days", "3650",
          "-subj", subject, "-addext", `subjectAltName=${san}`, "-keyout", keyFile, "-out", certFile],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
      const why = e.code === "ENOENT" ? "the openssl command is not installed (apt-get install openssl)" : String(e.stderr ?? e.message).trim();
      const instead = [`put a key and certificate in ${path.join(dir, kind.fileName)}`, kind.alternative].filter(Boolean).join(", ");
      throw new ConfigurationError(`Cannot make ${kind.purpose}: ${why}. Instead, ${instead}`);
    }
    return fs.readFileSync(keyFile, "utf8") + fs.readFileSync(certFile, "utf8");
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
