import { sql } from "drizzle-orm";
import { getDb } from "~/server/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for start scripts and load balancers. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true });
  } catch (error) {
    return Response.json({ ok: false, error: String(error) }, { status: 503 });
  }
}
