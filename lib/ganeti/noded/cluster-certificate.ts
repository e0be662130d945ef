// The cluster certificate (Ganeti's server.pem): one key and self-signed certificate shared by the master and every
// noded. Each side presents it and accepts only a peer presenting the very same certificate (fingerprint compared).
import crypto from "node:crypto";
import fs from "node:fs";
import { ConfigurationError } from "../errors";
import { splitPem } from "../rapi/server/certificate";

export type ClusterCertificate = { key: string; cert: string; fingerprint256: string };

export function loadClusterCertificate(file: string): ClusterCertificate {
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(`Cannot read the cluster certificate ${file}: ${(error as Error).message}`);
  }
  try {
    const { key, cert } = splitPem(pem);
    const x509 = new crypto.X509Certificate(cert);
    if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) throw new Error("the private key does not belong to the certificate");
    return { key, cert, fingerprint256: x509.fingerprint256 };
  } catch (error) {
    throw new ConfigurationError(`${file} is not a usable cluster certificate: ${(error as Error).message}`);
  }
}
