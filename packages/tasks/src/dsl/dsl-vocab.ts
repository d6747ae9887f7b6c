import { Vocabulary } from "../core/vocabulary";
import { OPS } from "./list-dsl";

/**
 * Shared by program-synthesis and code-critique: reserved block, digits, the 10 instructions,
 * `; > |`, line labels L1-L3 and the fault kinds `op` / `arg` (49 tokens).
 */
export const dslVocab = new Vocabulary([
  ...Array.from({ length: 10 }, (_, d) => String(d)),
  ...OPS,
  ";",
  ">",
  "|",
  "L1",
  "L2",
  "L3",
  "op",
  "arg",
]);
