// POST: a one-time console token for the VM ({token, expiresAt, path}); the page opens the WebSocket at `path` at once.
import { consoleSessions } from "@/lib/console/session-registry";
import { db } from "@/lib/db/client";
import { issueConsoleToken } from "@/lib/manager/console/issue-console-token";
import { loadServerConfig } from "@/lib/server/config";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

export const POST = (_request: Request, { params }: Context) =>
  withActor(async (actor) => {
    const deps = { db: db(), settings: loadServerConfig().console, openConsoles: (userId: string) => consoleSessions().countForUser(userId) };
    return json(await issueConsoleToken(deps, { actor, ref: await params }));
  });
