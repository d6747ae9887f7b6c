// The shape of one sub-command module.

export interface Command {
  /** Runs with the arguments after the sub-command name; resolves with the exit code. */
  run(args: string[]): Promise<number>;
}

/** A registry entry: a one-line summary, and the module loaded lazily (keeps start-up fast). */
export interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}
