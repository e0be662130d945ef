import type { OpcodeDefinition } from "../definition";
import { instanceCreate } from "./create";
import { instanceReboot } from "./reboot";
import { instanceRemove } from "./remove";
import { instanceShutdown } from "./shutdown";
import { instanceStartup } from "./startup";

export const INSTANCE_OPCODES: OpcodeDefinition[] = [instanceCreate, instanceStartup, instanceShutdown, instanceReboot, instanceRemove];
