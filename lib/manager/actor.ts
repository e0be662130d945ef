// Who does something in the web manager: the signed-in user (re-read from the database on every request by the edge)
// and the address the request came from, for the audit log.
export type Actor = { id: string; email: string; isAdmin: boolean; ip: string; /** The session acted in (a console token is bound to it). */ sessionId?: string };
