"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

function RunnerHealth() {
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.admin.runnerHealth.queryOptions(), refetchInterval: 5000 });
  if (!health.data) return <p>Loading runner health…</p>;
  const { runners, runs, queues } = health.data;
  return (
    <section aria-labelledby="health">
      <h2 id="health">Runner health</h2>
      <table>
        <caption>Runners (heartbeat within a minute counts as alive)</caption>
        <thead>
          <tr>
            <th scope="col">Runner</th>
            <th scope="col">Host / pid</th>
            <th scope="col">Active / slots</th>
            <th scope="col">Completed</th>
            <th scope="col">Failed</th>
            <th scope="col">Last heartbeat</th>
          </tr>
        </thead>
        <tbody>
          {runners.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>
                {r.host} / {r.pid}
              </td>
              <td className="num">
                {r.active} / {r.concurrency}
              </td>
              <td className="num">{r.completed}</td>
              <td className="num">{r.failed}</td>
              <td>{new Date(r.heartbeatAt).toISOString().slice(11, 19)} UTC</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Runs: {runs.map((c) => `${c.status} ${c.n}`).join(" · ") || "none"}</p>
      <p>
        Queues:{" "}
        {"error" in queues
          ? queues.error
          : queues.map((q) => `${q.name} ${q.queued} queued / ${q.active} active`).join(" · ")}
      </p>
    </section>
  );
}

function Submissions() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.submissions.queryOptions());
  const hide = useMutation(trpc.admin.hideSubmission.mutationOptions());
  const remove = useMutation(trpc.admin.deleteSubmission.mutationOptions());
  const rerun = useMutation(trpc.admin.rerunSubmission.mutationOptions());
  const done = () => list.refetch();
  return (
    <section aria-labelledby="subs">
      <h2 id="subs">Submissions</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Author</th>
              <th scope="col">Track</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/submissions/${s.id}`}>{s.name}</Link>
                  {s.hidden && <span className="badge bad">hidden</span>}
                </td>
                <td>{s.builtin ? "built-in" : (s.authorName ?? "—")}</td>
                <td>{s.track}</td>
                <td>{s.status}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => hide.mutateAsync({ id: s.id, hidden: !s.hidden }).then(done)}
                  >
                    {s.hidden ? "Unhide" : "Hide"}
                  </button>{" "}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => rerun.mutateAsync({ id: s.id }).then(done)}
                  >
                    Re-run
                  </button>{" "}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (confirm(`Delete ${s.name} and all its results?`))
                        void remove.mutateAsync({ id: s.id }).then(done);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Tasks() {
  const trpc = useTRPC();
  const tasks = useQuery(trpc.admin.tasks.queryOptions());
  return (
    <section aria-labelledby="tasks">
      <h2 id="tasks">Task instances</h2>
      <p>
        <Link href="/admin/tasks/new">Add a task instance</Link>
      </p>
      <ul>
        {tasks.data?.map((t) => (
          <li key={t.id}>
            <Link href={`/admin/tasks/${t.id}`}>{t.title}</Link> ({t.slug}) — {t.status}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Users() {
  const trpc = useTRPC();
  const users = useQuery(trpc.admin.users.queryOptions());
  const grant = useMutation(trpc.admin.grantRole.mutationOptions());
  return (
    <section aria-labelledby="users">
      <h2 id="users">Users and roles</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.name ?? u.email ?? u.id}`}
                  value={u.role}
                  onChange={(e) =>
                    void grant
                      .mutateAsync({ userId: u.id, role: e.target.value as "researcher" | "admin" })
                      .then(() => users.refetch())
                  }
                >
                  <option value="researcher">researcher</option>
                  <option value="admin">admin</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AdminDashboard() {
  return (
    <>
      <RunnerHealth />
      <Tasks />
      <Submissions />
      <Users />
    </>
  );
}
