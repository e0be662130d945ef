// How cluster verify reports (Ganeti's _VerifyErrors): "* section" lines, then "  - ERROR: node X: message" or, with
// error_codes, the parseable "  - ERROR:ENODERPC:node:X:message". Codes listed in ignore_errors are demoted to
// warnings; only errors make the verification fail.

/** [object kind, code] as Ganeti's CV_E* constants. */
export type CvCode = readonly ["cluster" | "group" | "node" | "instance", string];

const cluster = (code: string): CvCode => ["cluster", code];
const group = (code: string): CvCode => ["group", code];
const node = (code: string): CvCode => ["node", code];
const instance = (code: string): CvCode => ["instance", code];

export const CV = {
  ECLUSTERCFG: cluster("ECLUSTERCFG"),
  ECLUSTERCERT: cluster("ECLUSTERCERT"),
  ECLUSTERCLIENTCERT: cluster("ECLUSTERCLIENTCERT"),
  ECLUSTERFILECHECK: cluster("ECLUSTERFILECHECK"),
  ECLUSTERDANGLINGNODES: cluster("ECLUSTERDANGLINGNODES"),
  ECLUSTERDANGLINGINST: cluster("ECLUSTERDANGLINGINST"),
  EGROUPDIFFERENTPVSIZE: group("EGROUPDIFFERENTPVSIZE"),
  EINSTANCEBADNODE: instance("EINSTANCEBADNODE"),
  EINSTANCEDOWN: instance("EINSTANCEDOWN"),
  /** Gantry's addition: running although marked down (Ganeti's status ERROR_up). */
  EINSTANCEUP: instance("EINSTANCEUP"),
  EINSTANCELAYOUT: instance("EINSTANCELAYOUT"),
  EINSTANCEMISSINGDISK: instance("EINSTANCEMISSINGDISK"),
  EINSTANCEFAULTYDISK: instance("EINSTANCEFAULTYDISK"),
  EINSTANCEWRONGNODE: instance("EINSTANCEWRONGNODE"),
  EINSTANCESPLITGROUPS: instance("EINSTANCESPLITGROUPS"),
  EINSTANCEPOLICY: instance("EINSTANCEPOLICY"),
  EINSTANCEUNSUITABLENODE: instance("EINSTANCEUNSUITABLENODE"),
  EINSTANCEMISSINGCFGPARAMETER: instance("EINSTANCEMISSINGCFGPARAMETER"),
  ENODEDRBD: node("ENODEDRBD"),
  ENODEDRBDVERSION: node("ENODEDRBDVERSION"),
  ENODEDRBDHELPER: node("ENODEDRBDHELPER"),
  ENODEFILECHECK: node("ENODEFILECHECK"),
  ENODEHOOKS: node("ENODEHOOKS"),
  ENODEHV: node("ENODEHV"),
  ENODELVM: node("ENODELVM"),
  ENODEN1: node("ENODEN1"),
  ENODENET: node("ENODENET"),
  ENODEOS: node("ENODEOS"),
  ENODEORPHANINSTANCE: node("ENODEORPHANINSTANCE"),
  ENODEORPHANLV: node("ENODEORPHANLV"),
  ENODERPC: node("ENODERPC"),
  ENODESSH: node("ENODESSH"),
  ENODEVERSION: node("ENODEVERSION"),
  ENODESETUP: node("ENODESETUP"),
  ENODETIME: node("ENODETIME"),
  ENODEOOBPATH: node("ENODEOOBPATH"),
  ENODEUSERSCRIPTS: node("ENODEUSERSCRIPTS"),
  ENODEFILESTORAGEPATHS: node("ENODEFILESTORAGEPATHS"),
  ENODEFILESTORAGEPATHUNUSABLE: node("ENODEFILESTORAGEPATHUNUSABLE"),
  ENODESHAREDFILESTORAGEPATHUNUSABLE: node("ENODESHAREDFILESTORAGEPATHUNUSABLE"),
  EEXTAGS: node("EEXTAGS"),
} as const;

export const VERIFY_ERROR_CODES = Object.keys(CV) as Array<keyof typeof CV>;

export type ReporterOptions = { errorCodes: boolean; ignore: ReadonlySet<string>; simulate: boolean; verbose: boolean };

export class VerifyReporter {
  /** An error (not a warning) was reported: the verification fails. */
  bad = false;

  constructor(
    private readonly log: (line: string) => void,
    private readonly options: ReporterOptions,
  ) {}

  section(title: string): void {
    this.log(`* ${title}`);
  }

  /** A section line shown only with verbose. */
  detail(title: string): void {
    if (this.options.verbose) this.log(`* ${title}`);
  }

  notice(text: string): void {
    this.log(`  - NOTICE: ${text}`);
  }

  error(code: CvCode, item: string | null, message: string, level: "ERROR" | "WARNING" = "ERROR"): void {
    const [kind, name] = code;
    const type = this.options.ignore.has(name) ? "WARNING" : level;
    this.log(this.options.errorCodes ? `  - ${type}:${name}:${kind}:${item ?? ""}:${message}` : `  - ${type}: ${kind} ${item ?? ""}: ${message}`);
    if (type === "ERROR") this.bad = true;
  }

  warning(code: CvCode, item: string | null, message: string): void {
    this.error(code, item, message, "WARNING");
  }

  /** Reports when `condition` holds, or always with debug_simulate_errors (Ganeti's _ErrorIf). */
  errorIf(condition: unknown, code: CvCode, item: string | null, message: string | (() => string), level: "ERROR" | "WARNING" = "ERROR"): boolean {
    if (!condition && !this.options.simulate) return false;
    this.error(code, item, typeof message === "function" ? message() : message, level);
    return Boolean(condition);
  }
}
