// Live migration between two KVM runtimes: the target already listens (KvmRuntime.acceptIncoming, same command line
// plus -incoming); the source is limited to the instance's migration_bandwidth (MiB/s) and migration_downtime (ms),
// sent with QMP `migrate`, and polled with `query-migrate` until QEMU says completed or failed. After success the
// guest continues on the target and the source QEMU quits; after a failure the target is stopped and the guest keeps
// running on the source.
import { HypervisorError } from "../../errors";
import type { KvmRuntime } from "./kvm-runtime";

export type MigrationProgress = { status: string; transferred: number; total: number; remaining: number };
export type MigrationOptions = { onProgress?: (progress: MigrationProgress) => void; timeoutMs?: number };
export type MigrationResult = { totalTimeMs: number; downtimeMs: number; transferred: number };

type QueryMigrate = {
  status?: string;
  "error-desc"?: string;
  "total-time"?: number;
  downtime?: number;
  ram?: { transferred: number; total: number; remaining: number };
};

const POLL_MS = 50;
const MIB = 1024 * 1024;

export async function migrateInstance(
  source: KvmRuntime,
  target: KvmRuntime,
  name: string,
  to: { host: string; port: number },
  options: MigrationOptions = {},
): Promise<MigrationResult> {
  let result: MigrationResult;
  try {
    result = await sendMigration(source, name, to, options);
  } catch (error) {
    await target.finishIncoming(name, false).catch(() => undefined);
    throw error;
  }
  await target.finishIncoming(name, true);
  await source.releaseMigrated(name);
  return result;
}

/**
 * The source's half alone (the target runs in another process, e.g. another noded): sends the guest's state and
 * waits until QEMU reports completed; cancels and throws otherwise. The source QEMU is left for the caller to release.
 */
export async function sendMigration(source: KvmRuntime, name: string, to: { host: string; port: number }, options: MigrationOptions = {}): Promise<MigrationResult> {
  const { qmp } = source.migrationSource(name);
  await startMigration(source, name, to);
  try {
    const info = await pollUntilDone(qmp.execute.bind(qmp), options.onProgress, options.timeoutMs ?? 10 * 60_000, name);
    return { totalTimeMs: info["total-time"] ?? 0, downtimeMs: info.downtime ?? 0, transferred: info.ram?.transferred ?? 0 };
  } catch (error) {
    await qmp.execute("migrate_cancel").catch(() => undefined);
    throw error;
  }
}

/** Starts sending the guest's state at the instance's bandwidth and downtime limits; returns once QEMU has begun. */
export async function startMigration(source: KvmRuntime, name: string, to: { host: string; port: number }): Promise<void> {
  const { qmp, bandwidthMiB, downtimeMs } = source.migrationSource(name);
  const host = to.host.includes(":") ? `[${to.host}]` : to.host;
  try {
    await qmp.execute("migrate-set-parameters", { "max-bandwidth": bandwidthMiB * MIB, "downtime-limit": downtimeMs });
    await qmp.execute("migrate", { uri: `tcp:${host}:${to.port}` });
  } catch (error) {
    await qmp.execute("migrate_cancel").catch(() => undefined);
    throw error;
  }
}

export type MigrationStatus = MigrationProgress & { error?: string; totalTimeMs?: number; downtimeMs?: number };

/** Where a started migration is (QMP query-migrate): "active" while it runs, then "completed", "failed" or "cancelled". */
export async function migrationStatus(source: KvmRuntime, name: string): Promise<MigrationStatus> {
  const { qmp } = source.migrationSource(name);
  const info = await qmp.execute<QueryMigrate>("query-migrate");
  return {
    status: info.status ?? "none",
    transferred: info.ram?.transferred ?? 0,
    total: info.ram?.total ?? 0,
    remaining: info.ram?.remaining ?? 0,
    ...(info["error-desc"] ? { error: info["error-desc"] } : {}),
    ...(info["total-time"] !== undefined ? { totalTimeMs: info["total-time"] } : {}),
    ...(info.downtime !== undefined ? { downtimeMs: info.downtime } : {}),
  };
}

/** Stops a migration under way; the guest keeps running on the source. */
export async function cancelMigration(source: KvmRuntime, name: string): Promise<void> {
  await source.migrationSource(name).qmp.execute("migrate_cancel");
}

async function pollUntilDone(
  execute: <T>(command: string) => Promise<T>,
  onProgress: ((progress: MigrationProgress) => void) | undefined,
  timeoutMs: number,
  name: string,
): Promise<QueryMigrate> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await execute<QueryMigrate>("query-migrate");
    const status = info.status ?? "none";
    if (info.ram) onProgress?.({ status, transferred: info.ram.transferred, total: info.ram.total, remaining: info.ram.remaining });
    if (status === "completed") return info;
    if (status === "failed" || status === "cancelled") {
      throw new HypervisorError(`Migration of ${name} ${status}${info["error-desc"] ? `: ${info["error-desc"]}` : ""}`);
    }
    if (Date.now() > deadline) throw new HypervisorError(`Migration of ${name} did not complete within ${timeoutMs / 1000} s (status ${status})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
