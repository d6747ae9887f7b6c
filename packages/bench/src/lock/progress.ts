// Progress events of a build or verification (the CLI draws them as a bar with an ETA).

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
  /** Free text shown after the bar, e.g. the latest loss or accuracy. */
  note?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;
