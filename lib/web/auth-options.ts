// next-auth configuration: e-mail + password (credentials) with JWT sessions. The session carries only the user id
// and admin flag; every request re-reads the user (lib/manager/auth/session.ts), so disabling an account ends its
// sessions at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isAppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { loadServerConfig } from "@/lib/server/config";
import { authenticate } from "@/lib/manager/auth/authenticate";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

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
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.isAdmin = Boolean((user as { isAdmin?: boolean }).isAdmin);
      }
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
};
