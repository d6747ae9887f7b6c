// The only place the harness reads the environment: the PATH handed to the sandbox child (its
// whole environment), and the child's own view, reported so tests can see it was scrubbed.
import { z } from "zod";

const schema = z.object({ PATH: z.string().default("/usr/local/bin:/usr/bin:/bin") });

/** Environment for the sandbox child: PATH and nothing else. */
export function sandboxEnv(): Record<string, string> {
  return { PATH: schema.parse(process.env).PATH };
}

/** Names of the variables this process can see. */
export function visibleEnvNames(): string[] {
  return Object.keys(process.env).sort();
}
