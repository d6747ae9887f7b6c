// Prints, for every registered family (default configuration), its sequence sizes and the
// validation correctness / mean score of each policy. Usage: npm run stats -w @lockpick/tasks [-- n]
import { listTaskFamilies, type Problem, type Task } from "../src/index";

const n = Number(process.argv[2] ?? 2000);

function rate(task: Task, problems: Problem[], policy: (p: Problem) => string) {
  let correct = 0;
  let score = 0;
  for (const p of problems) {
    const e = task.evaluate(p, policy(p));
    correct += Number(e.correct);
    score += e.score;
  }
  return `${(correct / problems.length).toFixed(3)} (score ${(score / problems.length).toFixed(3)})`;
}

for (const family of listTaskFamilies()) {
  const task = family.create();
  const problems = task.sample("validation", n, 1);
  console.log(
    `\n${task.id} ${task.version}: vocab ${task.vocab.size}, prompt ≤ ${task.maxPromptTokens}, ` +
      `completion ≤ ${task.maxCompletionTokens}, context ${task.contextLength(4)} (4-token slot), ` +
      `${task.size} problems, ${problems.length} validation problems scored`,
  );
  for (const [name, policy] of Object.entries(task.policies)) {
    if (policy) console.log(`  ${name.padEnd(12)} ${rate(task, problems, policy)}`);
  }
  for (const domain of task.domains) {
    const inDomain = problems.filter((p) => p.domain === domain);
    if (inDomain.length === 0) continue;
    console.log(
      `  weak on ${domain} (${inDomain.length}): ${rate(task, inDomain, task.policies.weak)}`,
    );
  }
}
