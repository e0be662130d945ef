import type { OpcodeDefinition } from "../definition";
import { instanceActivateDisks } from "./activate-disks";
import { instanceConsoleOp } from "./console";
import { instanceCreate } from "./create";
import { instanceDeactivateDisks } from "./deactivate-disks";
import { instanceFailover } from "./failover";
import { instanceGrowDisk } from "./grow-disk";
import { instanceMigrate } from "./migrate";
import { instanceQueryData } from "./query-data";
import { instanceReboot } from "./reboot";
import { instanceReinstall } from "./reinstall";
import { instanceRemove } from "./remove";
import { instanceRename } from "./rename";
import { instanceReplaceDisks } from "./replace-disks";
import { instanceSetParams } from "./set-params";
import { instanceShutdown } from "./shutdown";
import { instanceStartup } from "./startup";

export const INSTANCE_OPCODES: OpcodeDefinition[] = [
  instanceCreate,
  instanceStartup,
  instanceShutdown,
  instanceReboot,
  instanceRemove,
  instanceSetParams,
  instanceGrowDisk,
  instanceRename,
  instanceReinstall,
  instanceQueryData,
  instanceConsoleOp,
  instanceMigrate,
  instanceFailover,
  instanceActivateDisks,
  instanceDeactivateDisks,
  instanceReplaceDisks,
];
