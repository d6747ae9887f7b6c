import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "~/auth";
import { SubmitForm } from "~/components/submit/submit-form";
import { env } from "~/env";

export const metadata = { title: "Submit a method" };

export default async function SubmitPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <>
      <h1>Submit a method</h1>
      <p className="lede">
        Paste or upload an elicitation plugin written against <code>@lockpick/sdk</code> (see{" "}
        <Link href="/docs/plugins">how to write a method</Link>). Up to {env.SUBMIT_DAILY_QUOTA}{" "}
        submissions a day count against your quota; failed dry runs, cancelled runs and
        infrastructure failures do not.
      </p>
      <SubmitForm maxBytes={env.PLUGIN_MAX_BYTES} />
    </>
  );
}
