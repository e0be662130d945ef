// next-auth configuration: e-mail + password (credentials) with JWT sessions. The session carries the user id, admin
// flag, a session id and the sign-in time. Pages and the API check the session and re-read the user on every request
// (lib/web/session.ts), so that signing out ends the session for every copy of its cookie and disabling an account
// ends its sessions at once; the jwt callback makes next-auth's own session endpoint refuse an ended session too.
import { headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isAppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { loadServerConfig } from "@/lib/server/config";
import { authenticate } from "@/lib/manager/auth/authenticate";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { endSession, newSessionClaims, readSessionClaims, SESSION_MAX_AGE_SECONDS, sessionOver } from "@/lib/manager/auth/session-lifetime";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";

export { SESSION_MAX_AGE_SECONDS };

/** Thrown by the jwt callback for a session that is over: next-auth then answers "no session" and clears the cookie. */
class SessionOverError extends Error {}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const header = req?.headers?.[CLIENT_ADDRESS_HEADER];
        try {
          const user = await authenticate(
            { db: db(), policy: loadServerConfig().signInThrottle },
            {
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              address: typeof header === "string" && header ? header : undefined,
            },
          );
          return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
        } catch (error) {
          // next-auth hands the message of a thrown Error to the sign-in form; anything unexpected stays generic.
          if (isAppError(error)) throw new Error(error.message);
          console.error("sign-in failed:", error);
          throw new Error("Sign-in is unavailable right now; try again in a moment.");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const claims = newSessionClaims(user.id);
        token.uid = claims.userId;
        token.sid = claims.sid;
        token.signedInAt = claims.signedInAt;
        token.isAdmin = Boolean((user as { isAdmin?: boolean }).isAdmin);
        return token;
      }
      const claims = readSessionClaims(token);
      if (!claims || (await sessionOver(db(), claims))) throw new SessionOverError("the session is over");
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        session.user.isAdmin = Boolean(token.isAdmin);
      }
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      const claims = readSessionClaims(token);
      if (!claims) return;
      await endSession(db(), claims);
      const user = await db().user.findUnique({ where: { id: claims.userId }, select: { id: true, email: true, isAdmin: true } });
      if (user) await recordAudit(db(), { ...user, ip: await requestAddress() }, { action: "user.sign_out", result: "success", object: { type: "user", id: user.id, name: user.email } });
    },
  },
  logger: {
    error(code, metadata) {
      // A session that is over is an everyday event (a signed-out cookie, an old tab), not an error.
      if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionOverError) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
};

/** The client's address as server.ts stamped it, when called while answering a request. */
async function requestAddress(): Promise<string> {
  try {
    return (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "";
  } catch {
    return "";
  }
}
