ALTER TABLE "sandbox_outbox" ALTER COLUMN "hpp_session_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_outbox" ALTER COLUMN "link" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_captures" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_outbox" ADD COLUMN "capture_id" uuid;