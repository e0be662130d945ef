// Prisma's better-sqlite3 adapter runs every query on one connection, and its interactive transactions only lock
// against each other: a query from another request that arrives while a transaction is open runs on the same
// connection, inside that transaction — it sees uncommitted rows, and its writes are lost if the transaction rolls
// back (seen here: audit rows of refused requests vanished with a concurrent request's rolled-back reservation).
// This wrapper makes queries outside a transaction wait until the open one has ended, so each transaction is
// isolated from the rest of the process. Transactions are short (milliseconds), so the wait is too.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

export function isolatedAdapterFactory(inner: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => isolated(await inner.connect()),
    connectToShadowDb: async () => isolated(await inner.connectToShadowDb()),
  };
}

function isolated(adapter: SqlDriverAdapter): SqlDriverAdapter {
  /** Settles when the open transaction ends; null when none is open. */
  let open: Promise<void> | null = null;
  let queue: Promise<void> = Promise.resolve();

  // Checked and followed by the query without an await in between: nothing can begin a transaction in the gap.
  const outside = async <T>(run: () => Promise<T>): Promise<T> => {
    while (open) await open;
    return run();
  };

  const startTransaction = (isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]): Promise<Transaction> => {
    const started = queue.then(async () => {
      let end!: () => void;
      open = new Promise<void>((resolve) => (end = resolve));
      const finish = () => {
        open = null;
        end();
      };
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        finish();
        throw error;
      }
      const settle = (method: "commit" | "rollback") => async () => {
        try {
          await tx[method]();
        } finally {
          finish();
        }
      };
      // A Proxy rather than a copy: the transaction's methods live on its prototype chain.
      return new Proxy(tx, { get: (target, key) => (key === "commit" ? settle("commit") : key === "rollback" ? settle("rollback") : Reflect.get(target, key)) });
    });
    // The next transaction starts after this one has ended (or failed to start).
    queue = started.then(
      () => (open ?? Promise.resolve()),
      () => undefined,
    );
    return started;
  };

  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => outside(() => adapter.queryRaw(query)),
    executeRaw: (query) => outside(() => adapter.executeRaw(query)),
    executeScript: (script) => outside(() => adapter.executeScript(script)),
    startTransaction,
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  };
}
