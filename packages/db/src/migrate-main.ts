// `npm run migrate -w @lockpick/db`: applies the migrations to DATABASE_URL (deployments run this
// once per release, e.g. as a Kubernetes Job, before the web and runners roll out).
import { createDb } from "./client";
import { readDbEnv } from "./env";
import { migrate } from "./migrate";

const env = readDbEnv();
if (!env.DATABASE_URL) throw new Error("migrate: set DATABASE_URL");
const handle = await createDb({ url: env.DATABASE_URL });
try {
  await migrate(handle);
  console.log("migrations applied");
} finally {
  await handle.close();
}
