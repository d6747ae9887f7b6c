import { TaskReview } from "~/components/admin/task-review";

export const metadata = { title: "Task build" };

export default async function TaskBuildPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return <TaskReview id={id} />;
}
