import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentUser } from "~/auth";

export const dynamic = "force-dynamic";

/** Admin pages exist only for admins: others get a 404, anonymous visitors the sign-in page. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (user.role !== "admin") notFound();
  return (
    <>
      <nav aria-label="Admin" className="subnav">
        <Link href="/admin">Overview</Link> · <Link href="/admin/tasks/new">Add a task</Link>
      </nav>
      {children}
    </>
  );
}
