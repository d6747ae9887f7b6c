import { AdminDashboard } from "~/components/admin/admin-dashboard";

export const metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <>
      <h1>Admin</h1>
      <AdminDashboard />
    </>
  );
}
