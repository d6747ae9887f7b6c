// A progress bar with an ETA on stderr: redrawn in place on a terminal, one line every few
// seconds otherwise (logs of background builds stay readable).

import type { ProgressEvent } from "../lock/progress";

const formatDuration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m${String(s % 60).padStart(2, "0")}s`;
};

export function createProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
) {
  let stage = "";
  let stageStart = now();
  let startDone = 0;
  let lastLine = 0;
  const tty = Boolean(stream.isTTY);
  return (event: ProgressEvent): void => {
    if (event.stage !== stage) {
      if (tty && stage) stream.write("\n");
      stage = event.stage;
      stageStart = now();
      startDone = event.done;
      lastLine = 0;
    }
    const t = now();
    const finished = event.done >= event.total;
    if (!tty && !finished && t - lastLine < 5000) return;
    lastLine = t;
    const frac = event.total > 0 ? Math.min(1, event.done / event.total) : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const rate = (event.done - startDone) / Math.max(1, t - stageStart);
    const eta = rate > 0 ? formatDuration((event.total - event.done) / rate) : "?";
    const line =
      `${stage.padEnd(12)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ` +
      `${event.done}/${event.total} ${(frac * 100).toFixed(0)}% ` +
      `elapsed ${formatDuration(t - stageStart)} eta ${finished ? "0m00s" : eta}` +
      (event.note ? `  ${event.note}` : "");
    stream.write(tty ? `\r${line}\x1b[K${finished ? "\n" : ""}` : `${line}\n`);
  };
}
