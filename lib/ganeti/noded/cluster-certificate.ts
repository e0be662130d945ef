// The cluster certificate (Ganeti's server.pem): one key and self-signed certificate shared by the master and every
// noded. Each side presents it and accepts only a peer presenting the very same certificate (fingerprint compared).
// The master makes it once in its state directory and hands it to each node when it joins (gnt-node add).
import crypto from "node:crypto";
import fs from "node:fs";
import { ConfigurationError } from "../errors";
import { ensureCertificate, splitPem, type CertificateKind } from "../rapi/server/certificate";

export type ClusterCertificate = { key: string; cert: string; fingerprint256: string };

/** Ganeti's name for the file, in the master's and in each joined noded's state directory. */
export const CLUSTER_CERTIFICATE_FILE = "server.pem";

const CLUSTER_CERTIFICATE: CertificateKind = { fileName: CLUSTER_CERTIFICATE_FILE, organization: "Gantry cluster", purpose: "the cluster certificate" };

/** The master's cluster certificate: `<stateDir>/server.pem`, made on first use (mode 0600). */
export function ensureClusterCertificate(stateDir: string): ClusterCertificate {
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  // Peers pin the fingerprint, so the names in it only help a human reading it.
  const { file } = ensureCertificate(stateDir, ["gantry-cluster"], CLUSTER_CERTIFICATE);
  return loadClusterCertificate(file);
}

export function loadClusterCertificate(file: string): ClusterCertificate {
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(`Cannot read the cluster certificate ${file}: ${(error as Error).message}`);
  }
  try {
    return parseClusterCertificate(pem);
  } catch (error) {
    throw new ConfigurationError(`${file} is not a usable cluster certificate: ${(error as Error).message}`);
  }
}

/** A PEM bundle (private key and certificate) checked to parse and to hold a key that belongs to the certificate. */
export function parseClusterCertificate(pem: string): ClusterCertificate {
  const { key, cert } = splitPem(pem);
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(cert);
  } catch (error) {
    throw new ConfigurationError(`the certificate does not parse: ${(error as Error).message}`);
  }
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch (error) {
    throw new ConfigurationError(`the private key does not parse: ${(error as Error).message}`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new ConfigurationError("the private key does not belong to the certificate");
  return { key, cert, fingerprint256: x509.fingerprint256 };
}
