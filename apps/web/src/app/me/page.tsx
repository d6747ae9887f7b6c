import Link from "next/link";
import { redirect } from "next/navigation";
import { api } from "~/trpc/server";
import { currentUser } from "~/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "My submissions" };

export default async function MePage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const mine = await (await api()).submission.mine();
  return (
    <>
      <h1>My submissions</h1>
      <p>
        Signed in as {user.name ?? user.email} ({user.role}).{" "}
        <Link href="/submit">Submit a method</Link>
      </p>
      {mine.length === 0 && <p className="muted">No submissions yet.</p>}
      <ul>
        {mine.map((s) => (
          <li key={s.id}>
            <Link href={`/submissions/${s.id}`}>{s.name}</Link> — {s.track}, {s.status}
            {s.hidden && " (hidden by an admin)"}
          </li>
        ))}
      </ul>
    </>
  );
}
