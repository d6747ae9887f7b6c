ALTER TABLE "submissions" ADD COLUMN "bundle_source_map" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "dry_run" jsonb;