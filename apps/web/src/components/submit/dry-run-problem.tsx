import type { DryRunFailure } from "~/server/services/submit/submit-plugin";

/**
 * "the function-composition lock ft-default" (with its task config when not the default:
 * "the program-synthesis lock ft-default (lines 1)"), or a generic phrase when the runner did not
 * say.
 */
function dryRunModelName(
  model: { task: string | null; lock: string | null } | undefined,
  configNote = "",
) {
  if (!model?.task) return "a small model";
  const name = model.lock ? `the ${model.task} lock ${model.lock}` : `a ${model.task} model`;
  return configNote ? `${name} (${configNote})` : name;
}

/** Why the dry run refused the plugin (or could not run it); nothing was stored either way. */
export function DryRunProblem({ failure }: { failure: DryRunFailure }) {
  const title =
    failure.kind === "infra"
      ? "The dry run could not be completed"
      : failure.kind === "timeout"
        ? "The plugin did not finish its dry run in time"
        : "The plugin failed its dry run";
  return (
    <div className="diagnostics" role="alert" aria-label="Dry run failed">
      <p className="error">
        <strong>{title}.</strong>{" "}
        {failure.kind === "infra"
          ? "This is on our side: nothing was stored; try again in a moment."
          : `On ${dryRunModelName(failure.model, failure.configNote)} with budget ${failure.budget} (${failure.seconds.toFixed(1)} s). Nothing was stored and it does not count against your quota.`}
      </p>
      <pre className="dry-run-error">{failure.reason}</pre>
    </div>
  );
}
