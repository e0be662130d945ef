// What the operator sees once the server listens: where it is, and on first start the administrator's credentials.
import type { StartupReport } from "@/lib/server/startup";

export function announceStartup(report: StartupReport, dev: boolean, log: (line: string) => void = console.log): void {
  const { config, migrations, initialAdmin } = report;
  for (const warning of migrations.warnings) log(`gantry: warning: ${warning}`);
  if (migrations.applied.length) log(`gantry: database migrated (${migrations.applied.join(", ")}).`);
  if (report.authSecretCreated) log(`gantry: generated a session secret in ${config.dataDir}/nextauth-secret.`);
  if (report.secretKeyCreated) log(`gantry: generated the key that seals stored passwords in ${config.dataDir}/secret-key (keep it with database backups).`);
  if (initialAdmin.created) {
    log("gantry: created the first administrator account:");
    log(`gantry:   e-mail:   ${initialAdmin.email}`);
    if (initialAdmin.generatedPassword) {
      log(`gantry:   password: ${initialAdmin.generatedPassword}`);
      log("gantry:   (shown only this once: keep it, or change it on the Account page after signing in)");
    } else {
      log("gantry:   password: the one in GANTRY_ADMIN_PASSWORD");
    }
  }
  log(`gantry: ${dev ? "development" : "production"} server listening on ${config.publicUrl} (data in ${config.dataDir}).`);
}
