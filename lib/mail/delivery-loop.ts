// The delivery loop of the server process: a round at start (mail that waited while the server was down), every
// intervalMs, and at once when a use case has queued mail (wakeMailDelivery). Rounds never overlap; a wake during a
// round asks for another right after it, as does a round that reached its limit. stop() lets the message in flight
// finish, takes up no other, and closes the transport.
import type { Db } from "@/lib/db/client";
import { onMailQueued } from "@/lib/manager/mail/queue-mail";
import { deliverQueuedMail, type DeliveryReport } from "./deliver-queued-mail";
import type { MailTransport } from "./smtp-transport";

export type MailDeliveryOptions = {
  db: Pick<Db, "mailMessage">;
  transport: MailTransport;
  from: string;
  intervalMs?: number;
  /** Messages per round. */
  batch?: number;
  /** Where mail goes, for the log lines (host:port, never the URL). */
  endpoint?: string;
  log?: (line: string) => void;
};

export type MailDelivery = {
  /** Runs a round now (or right after the one in progress). */
  wake(): void;
  stop(): Promise<void>;
};

export function startMailDelivery(options: MailDeliveryOptions): MailDelivery {
  const { db, transport, from, intervalMs = 10_000, batch = 20, endpoint = "the SMTP server", log = () => undefined } = options;
  const stopping = new AbortController();
  const health = deliveryHealthLog(endpoint, log);
  let round: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const rounds = async () => {
    do {
      again = false;
      const report = await deliverQueuedMail(db, transport, { from, now: new Date(), limit: batch, signal: stopping.signal });
      health(report);
      if (report.attempted === batch) again = true;
    } while (again && !stopping.signal.aborted);
  };
  const wake = () => {
    if (stopping.signal.aborted) return;
    if (round) {
      again = true;
      return;
    }
    clearTimeout(timer);
    round = rounds()
      .catch((error: Error) => log(`mail: delivery round failed: ${error.message}`))
      .finally(() => {
        round = null;
        if (stopping.signal.aborted) return;
        timer = setTimeout(wake, intervalMs);
        timer.unref();
      });
  };

  onMailQueued(wake);
  wake();
  return {
    wake,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      onMailQueued(undefined);
      await round;
      transport.close();
    },
  };
}

/** Log lines an operator needs: when delivery starts failing (once, not per message), when it works again, and
 *  each message given up. */
function deliveryHealthLog(endpoint: string, log: (line: string) => void): (report: DeliveryReport) => void {
  let failing = false;
  return (report) => {
    const { requeued, failed } = report.interrupted;
    if (requeued) log(`mail: ${requeued} message(s) left "sending" by an interrupted delivery queued again`);
    if (failed) log(`mail: gave up on ${failed} message(s) left "sending" by an interrupted delivery on their last attempt`);
    for (const failure of report.failures.filter((f) => f.final)) log(`mail: gave up on a message to ${failure.to}: ${failure.error}`);
    const retrying = report.failures.filter((f) => !f.final);
    if (retrying.length && !report.sent && !failing) log(`mail: cannot deliver through ${endpoint}, will retry: ${retrying[0]!.error}`);
    if (report.sent && failing) log(`mail: delivering through ${endpoint} again`);
    if (report.sent) failing = false;
    else if (retrying.length) failing = true;
  };
}
