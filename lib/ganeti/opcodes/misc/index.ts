import type { OpcodeDefinition } from "../definition";
import { osDiagnose } from "./os-diagnose";
import { tagsDel, tagsSet } from "./tags";
import { tagsSearch } from "./tags-search";
import { testDelay } from "./test-delay";

export const MISC_OPCODES: OpcodeDefinition[] = [testDelay, tagsSet, tagsDel, tagsSearch, osDiagnose];
