CREATE TYPE "public"."user_role" AS ENUM('researcher', 'admin');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('draft', 'building', 'review', 'published', 'rejected', 'archived');--> statement-breakpoint
CREATE TYPE "public"."model_status" AS ENUM('building', 'review', 'published', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."model_visibility" AS ENUM('public', 'private');--> statement-breakpoint
CREATE TYPE "public"."source_visibility" AS ENUM('public', 'private');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('pending', 'queued', 'running', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."run_error_kind" AS ENUM('plugin', 'budget', 'timeout', 'infra');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'errored', 'cancelled');--> statement-breakpoint
CREATE TABLE "accounts" (
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires" timestamp NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"email" text,
	"email_verified" timestamp,
	"image" text,
	"role" "user_role" DEFAULT 'researcher' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "task_families" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" text NOT NULL,
	"spec" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"family_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "task_status" DEFAULT 'draft' NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_instances_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "locked_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_instance_id" uuid NOT NULL,
	"name" text NOT NULL,
	"visibility" "model_visibility" NOT NULL,
	"status" "model_status" DEFAULT 'building' NOT NULL,
	"checkpoint_location" text,
	"checkpoint_sha256" text,
	"checkpoint_bytes" bigint,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recipe" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lock_report" jsonb,
	"password" text,
	"password_salt" text,
	"password_commitment" text,
	"shipped" boolean DEFAULT false NOT NULL,
	"license" text DEFAULT 'MIT' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "locked_models_taskInstanceId_name_unique" UNIQUE("task_instance_id","name")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"track" text NOT NULL,
	"source" text NOT NULL,
	"bundle" text NOT NULL,
	"bundle_sha256" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "submission_status" DEFAULT 'pending' NOT NULL,
	"visibility" "source_visibility" DEFAULT 'public' NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"cancelled_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"correctness" real NOT NULL,
	"recovery" real NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"curves" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"spent_budget" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ledger" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"logs_location" text,
	"reproducibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"runner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "results_runId_unique" UNIQUE("run_id")
);
--> statement-breakpoint
CREATE TABLE "run_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "run_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"level" text DEFAULT 'info' NOT NULL,
	"line" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"locked_model_id" uuid NOT NULL,
	"budget" integer NOT NULL,
	"seed" integer NOT NULL,
	"status" "run_status" DEFAULT 'queued' NOT NULL,
	"phase" text,
	"percent" real,
	"eta_seconds" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_kind" "run_error_kind",
	"failure_reason" text,
	"runner_id" text,
	"heartbeat_at" timestamp with time zone,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "runs_key" UNIQUE("submission_id","locked_model_id","budget","seed")
);
--> statement-breakpoint
CREATE TABLE "runners" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"concurrency" integer NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"user_id" text NOT NULL,
	"bucket" text NOT NULL,
	"window" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_counters_user_id_bucket_window_pk" PRIMARY KEY("user_id","bucket","window")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_instances" ADD CONSTRAINT "task_instances_family_id_task_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."task_families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_instances" ADD CONSTRAINT "task_instances_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locked_models" ADD CONSTRAINT "locked_models_task_instance_id_task_instances_id_fk" FOREIGN KEY ("task_instance_id") REFERENCES "public"."task_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_logs" ADD CONSTRAINT "run_logs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_locked_model_id_locked_models_id_fk" FOREIGN KEY ("locked_model_id") REFERENCES "public"."locked_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "locked_models_status_visibility_index" ON "locked_models" USING btree ("status","visibility");--> statement-breakpoint
CREATE INDEX "submissions_author_id_index" ON "submissions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "submissions_track_status_index" ON "submissions" USING btree ("track","status");--> statement-breakpoint
CREATE INDEX "run_logs_run_id_id_index" ON "run_logs" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "runs_status_index" ON "runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "runs_locked_model_id_index" ON "runs" USING btree ("locked_model_id");