ALTER TABLE "task_instances" ADD COLUMN "build_progress" jsonb;--> statement-breakpoint
ALTER TABLE "task_instances" ADD COLUMN "build_error" text;