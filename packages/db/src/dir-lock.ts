// Guards a PGlite data directory against a second process: two PGlite instances on one directory
// corrupt it silently. The lock file holds the owner's pid; a lock left by a dead process is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws naming the owner; returns the release function. */
export function acquireDirLock(dir: string): () => Promise<void> {
  const path = join(dir, "lockpick-owner.pid");
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return async () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8").trim());
      if (owner && alive(owner)) {
        throw new Error(
          `The embedded database in ${dir} is owned by process ${owner}. Connect through its ` +
            `socket server (LOCKPICK_DB_SOCKET) instead of opening it a second time.`,
        );
      }
      rmSync(path, { force: true }); // stale: its owner died
    }
  }
  throw new Error(`could not lock ${dir}`);
}
