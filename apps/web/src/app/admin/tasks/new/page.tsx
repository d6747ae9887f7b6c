import { NewTaskForm } from "~/components/admin/new-task-form";

export const metadata = { title: "Add a task" };

export default function NewTaskPage() {
  return (
    <>
      <h1>Add a task instance</h1>
      <NewTaskForm />
    </>
  );
}
