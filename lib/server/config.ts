// The server's configuration, read from environment variables and validated once at start-up.
// Every variable, its default and its meaning is listed in the README's Configuration section; keep both in step.
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const flag = z.enum(["0", "1", "true", "false", "yes", "no"]).transform((v) => ["1", "true", "yes"].includes(v));

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  GANTRY_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().min(1).optional(),
  NEXTAUTH_URL: z.url({ message: "must be an absolute URL such as http://gantry.example.org:3000" }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters (or unset it to generate one)" }).optional(),
  GANTRY_SECRET_KEY: z
    .string()
    .regex(/^\s*([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)\s*$/, { message: "must be 32 random bytes as 64 hex digits or base64, e.g. from `openssl rand -base64 32` (or unset it to generate one)" })
    .optional(),
  GANTRY_ADMIN_EMAIL: z.email({ message: "must be an e-mail address" }).default("admin@gantry.local"),
  GANTRY_ADMIN_PASSWORD: z.string().min(8, { message: "must be at least 8 characters" }).optional(),
  GANTRY_TRUST_PROXY: flag.default(false),
  GANTRY_DEMO_CLUSTER: flag.default(true),
  GANTRY_SYNC_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(30),
  GANTRY_SIGNIN_DELAY_AFTER: positiveInt.default(3),
  GANTRY_SIGNIN_LOCK_AFTER: positiveInt.default(10),
  GANTRY_SIGNIN_ADDRESS_LOCK_AFTER: positiveInt.default(50),
  GANTRY_SIGNIN_LOCK_MINUTES: positiveInt.default(15),
  GANTRY_CONSOLE_TOKEN_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  GANTRY_CONSOLE_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  GANTRY_CONSOLE_MAX_HOURS: z.coerce.number().min(0.01).max(168).default(8),
  GANTRY_CONSOLE_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  GANTRY_CONSOLE_RECHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  GANTRY_SMTP_URL: z
    .url({ message: "must be an SMTP URL such as smtp://user:password@mail.example.org:587 or smtps://mail.example.org" })
    .refine((url) => /^smtps?:\/\//i.test(url), { message: "must start with smtp:// or smtps://, e.g. smtp://mail.example.org:587" })
    .optional(),
  GANTRY_MAIL_FROM: z.string().trim().min(3).max(320).regex(/@/, { message: "must be an address such as Gantry <gantry@example.org>" }).optional(),
});

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  /** Public base URL of the app, used by next-auth for redirects and callbacks. */
  publicUrl: string;
  /** Unset means: read or generate the persisted one under dataDir (lib/server/auth-secret.ts). */
  authSecret?: string;
  /** Seals secrets at rest (cluster passwords); unset means: read or generate $dataDir/secret-key. */
  secretKey?: string;
  initialAdmin: { email: string; password?: string };
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Make a demo embedded cluster of virtual nodes when there is no embedded cluster yet. */
  demoCluster: boolean;
  /** Seconds between cache syncs of each cluster in the server process; 0: none here (run workers/cache-sync.ts). */
  syncIntervalSeconds: number;
  signInThrottle: SignInThrottlePolicy;
  console: ConsoleSettings;
  mail: MailConfig;
};

/** E-mail (lib/manager/mail, lib/mail): through SMTP when smtpUrl is set, else kept in the database's outbox. */
export type MailConfig = {
  /** nodemailer's connection URL (credentials inside: never logged, never sent to a browser). */
  smtpUrl?: string;
  from: string;
};

/** The browser console's limits (lib/console, lib/manager/console). */
export type ConsoleSettings = {
  /** How long a console token may wait to be used. */
  tokenSeconds: number;
  /** A console without keyboard or mouse input from the browser for this long is closed. */
  idleMinutes: number;
  /** No console session lasts longer. */
  maxHours: number;
  /** Console sessions one user may have open at once (in this server process). */
  maxPerUser: number;
  /** How often an open console checks again that its user may still have it. */
  recheckSeconds: number;
};

export type SignInThrottlePolicy = {
  /** Failures of one key after which every further attempt is slowed down. */
  delayAfter: number;
  /** Failures of one account, or of one address, after which sign-in is refused for lockMinutes. */
  accountLockAfter: number;
  addressLockAfter: number;
  lockMinutes: number;
};

/** Parses the environment; throws AppError("config_invalid") naming the first bad variable and what to put there. */
export type Env = Record<string, string | undefined>;

export function loadServerConfig(env: Env = process.env): ServerConfig {
  // An empty variable counts as unset (FOO= in a unit file or a shell is how people clear a setting).
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new AppError("config_invalid", `${name} ${describeIssue(issue)} (got ${JSON.stringify(env[name] ?? "")}).`);
  }
  const v = parsed.data;
  const dataDir = path.resolve(v.GANTRY_DATA_DIR);
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir,
    databaseUrl: v.DATABASE_URL ?? `file:${path.join(dataDir, "gantry.db")}`,
    publicUrl: (v.NEXTAUTH_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ""),
    authSecret: v.NEXTAUTH_SECRET,
    secretKey: v.GANTRY_SECRET_KEY?.trim(),
    initialAdmin: { email: v.GANTRY_ADMIN_EMAIL.toLowerCase(), password: v.GANTRY_ADMIN_PASSWORD },
    trustProxy: v.GANTRY_TRUST_PROXY,
    demoCluster: v.GANTRY_DEMO_CLUSTER,
    syncIntervalSeconds: v.GANTRY_SYNC_INTERVAL,
    signInThrottle: {
      delayAfter: v.GANTRY_SIGNIN_DELAY_AFTER,
      accountLockAfter: v.GANTRY_SIGNIN_LOCK_AFTER,
      addressLockAfter: v.GANTRY_SIGNIN_ADDRESS_LOCK_AFTER,
      lockMinutes: v.GANTRY_SIGNIN_LOCK_MINUTES,
    },
    console: {
      tokenSeconds: v.GANTRY_CONSOLE_TOKEN_SECONDS,
      idleMinutes: v.GANTRY_CONSOLE_IDLE_MINUTES,
      maxHours: v.GANTRY_CONSOLE_MAX_HOURS,
      maxPerUser: v.GANTRY_CONSOLE_MAX_PER_USER,
      recheckSeconds: v.GANTRY_CONSOLE_RECHECK_SECONDS,
    },
    mail: { smtpUrl: v.GANTRY_SMTP_URL, from: v.GANTRY_MAIL_FROM ?? `Gantry <gantry@${new URL(v.NEXTAUTH_URL ?? "http://localhost").hostname}>` },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.origin === "number") return `must be at least ${issue.minimum}`;
  if (issue.code === "too_big" && issue.origin === "number") return `must be at most ${issue.maximum}`;
  if (issue.code === "invalid_type" && issue.expected === "number") return "must be a whole number";
  if (issue.code === "invalid_value") return `must be one of ${issue.values.join(", ")}`;
  return issue.message;
}
