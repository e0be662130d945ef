// GET of one RAPI resource for htools' `-m` backend, with Ganeti's curl settings: 15 s to connect, 60 s per query,
// and no certificate verification — RAPI servers use self-signed certificates (Ganeti's htools pass
// CurlSSLVerifyPeer False). The relaxed TLS setting applies only to the agent of this one client.
import http from "node:http";
import https from "node:https";

const CONNECT_TIMEOUT_MS = 15_000;
const QUERY_TIMEOUT_MS = 60_000;

// Only htools' RAPI reads use this agent; nothing else in the process trusts unverified certificates.
const insecureAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: false });

/** A URL without a scheme is http, as curl assumes ("host:5080" → "http://host:5080"). */
export function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

/** The URL as shown in messages: never with the password. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, "$1:***@");
}

/** Curl's names for what went wrong, as Ganeti reports them ("Curl error for 'URL', error CurlCouldntConnect"). */
function curlCode(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ECONNREFUSED":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "CurlCouldntConnect";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "CurlCouldntResolveHost";
    case "ETIMEDOUT":
      return "CurlOperationTimeout";
    case "ECONNRESET":
      return "CurlRecvError";
    default:
      if (err.code?.startsWith("ERR_SSL") || err.code?.startsWith("ERR_TLS") || /SSL|TLS/.test(err.message)) return "CurlSSLConnectError";
      return `CurlError (${err.message})`;
  }
}

export function httpsGet(rawUrl: string): Promise<string> {
  const shown = redactUrl(rawUrl);
  let url: URL;
  try {
    url = new URL(withScheme(rawUrl));
  } catch {
    return Promise.reject(new Error(`Curl error for '${shown}', error CurlURLMalformat`));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Promise.reject(new Error(`Curl error for '${shown}', error CurlUnsupportedProtocol`));
  }
  return new Promise((resolve, reject) => {
    const fail = (code: string) => reject(new Error(`Curl error for '${shown}', error ${code}`));
    const options = { method: "GET", headers: { Accept: "application/json", "User-Agent": "Gantry htools" } };
    const req =
      url.protocol === "https:" ? https.request(url, { ...options, agent: insecureAgent }) : http.request(url, options);
    const connectTimer = setTimeout(() => {
      req.destroy();
      fail("CurlOperationTimeout");
    }, CONNECT_TIMEOUT_MS);
    req.setTimeout(QUERY_TIMEOUT_MS, () => {
      req.destroy();
      fail("CurlOperationTimeout");
    });
    req.on("socket", (socket) => {
      if (!socket.connecting) return clearTimeout(connectTimer); // a kept-alive connection
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (err) => {
      clearTimeout(connectTimer);
      fail(curlCode(err as NodeJS.ErrnoException));
    });
    req.on("response", (res) => {
      clearTimeout(connectTimer);
      res.setEncoding("utf8");
      let text = "";
      res.on("data", (chunk: string) => (text += chunk));
      res.on("error", (err) => fail(curlCode(err as NodeJS.ErrnoException)));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(text);
        // Ganeti would try to parse the error page as data; saying what the server answered is clearer.
        let detail = "";
        try {
          const parsed = JSON.parse(text) as { message?: unknown; explain?: unknown };
          if (typeof parsed.message === "string") detail = `: ${parsed.message}`;
        } catch {
          /* not JSON */
        }
        reject(new Error(`RAPI error for '${shown}': HTTP ${status} ${res.statusMessage ?? ""}`.trimEnd() + detail));
      });
    });
    req.end();
  });
}
