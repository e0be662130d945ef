// An https.Agent that decides itself whether to trust the server, after the handshake and before the socket is handed
// to the HTTP request: nothing (no path, no Authorization header) is written to a server that fails the check. Doing
// the check here instead of through rejectUnauthorized lets the error name the certificate the server presented, and
// lets a pinned fingerprint replace CA and hostname verification for Ganeti's self-signed rapi.pem.
import https from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { RapiTlsError } from "./errors";
import type { TlsTrust } from "./options";

type Callback = (err: Error | null, stream?: Duplex) => void;

export class VerifyingAgent extends https.Agent {
  private readonly handshakeTimeoutMs: number;

  constructor(
    private readonly trust: TlsTrust,
    settings: { maxSockets: number; handshakeTimeoutMs: number },
  ) {
    super({ keepAlive: true, maxSockets: settings.maxSockets, ca: trust.kind === "ca" ? trust.ca : undefined });
    this.handshakeTimeoutMs = settings.handshakeTimeoutMs;
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const done = once(callback as Callback);
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    const onError = (error: Error) => {
      socket.destroy();
      done(error);
    };
    socket.once("error", onError);
    // The handshake is bounded too: a server that accepts TCP and never speaks TLS must not hold a socket forever.
    const timer = setTimeout(() => onError(Object.assign(new Error("TLS handshake timed out"), { code: "ETIMEDOUT" })), this.handshakeTimeoutMs);
    socket.once("close", () => clearTimeout(timer));
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      socket.off("error", onError);
      const problem = this.check(socket, options);
      if (problem) {
        socket.destroy();
        done(problem);
      } else {
        done(null, socket);
      }
    });
    return undefined;
  }

  private check(socket: tls.TLSSocket, options: https.RequestOptions): RapiTlsError | null {
    const cert = socket.getPeerCertificate();
    const actual = cert && "fingerprint256" in cert ? cert.fingerprint256 : undefined;
    const server = `${options.host ?? options.hostname}:${options.port}`;
    switch (this.trust.kind) {
      case "insecure":
        return null;
      case "fingerprint":
        if (actual === this.trust.fingerprint) return null;
        return new RapiTlsError(
          `TLS: certificate fingerprint mismatch for ${server}: expected ${this.trust.fingerprint}, got ${actual ?? "no certificate"}; ` +
            "pin the new fingerprint if the cluster's certificate was replaced",
          { reason: "FINGERPRINT_MISMATCH", actualFingerprint: actual, expectedFingerprint: this.trust.fingerprint },
        );
      default:
        if (socket.authorized) return null;
        return untrusted(socket, cert, server, String(options.host ?? options.hostname), actual, this.trust.kind === "ca");
    }
  }
}

function untrusted(
  socket: tls.TLSSocket,
  cert: tls.PeerCertificate,
  server: string,
  host: string,
  actual: string | undefined,
  withCa: boolean,
): RapiTlsError {
  const reason = String(socket.authorizationError ?? "UNKNOWN");
  const pin = actual ? `; if you trust it, pin it with fingerprint ${actual}` : "";
  let why: string;
  if (reason === "ERR_TLS_CERT_ALTNAME_INVALID") {
    why = `the certificate does not name this host (${tls.checkServerIdentity(host, cert)?.message ?? reason}); connect by one of its names`;
  } else if (reason === "DEPTH_ZERO_SELF_SIGNED_CERT" || reason === "SELF_SIGNED_CERT_IN_CHAIN") {
    why = `the certificate is self-signed and not trusted (${reason})${withCa ? " and not the given ca" : ""}; pass it as ca`;
  } else if (reason === "CERT_HAS_EXPIRED") {
    why = `the certificate has expired (${cert.valid_to}); renew it on the cluster`;
  } else {
    why = `the certificate is not trusted (${reason})${withCa ? " by the given ca" : ""}; pass the issuing CA as ca`;
  }
  return new RapiTlsError(`TLS: ${server}: ${why}${pin}`, { reason, actualFingerprint: actual });
}

function once(callback: Callback): Callback {
  let called = false;
  return (err, stream) => {
    if (called) return;
    called = true;
    callback(err, stream);
  };
}
