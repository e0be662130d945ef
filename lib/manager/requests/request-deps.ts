// What the request use cases need: the database, the cluster connection (approving submits a job) and the e-mail
// settings (every decision mails someone).
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";

export type RequestDeps = JobDeps & { mail: MailSettings };
