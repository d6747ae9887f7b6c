// The engine's settings, read once from the environment (the only file here that may).
import { z } from "zod";

const schema = z.object({
  /** Preferred tfjs backend; unavailable backends fall back (tensorflow → wasm → cpu). */
  LOCKPICK_BACKEND: z.enum(["tensorflow", "wasm", "cpu"]).optional(),
});

export type EngineEnv = z.infer<typeof schema>;

export const engineEnv: EngineEnv = schema.parse({
  LOCKPICK_BACKEND: process.env.LOCKPICK_BACKEND || undefined,
});
