CREATE TABLE "sandbox_callback_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"callback_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"status_code" integer,
	"error" text,
	"latency_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_callbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"namespace" text DEFAULT 'default' NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_clocks" (
	"namespace" text PRIMARY KEY NOT NULL,
	"offset_ms" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_faults" (
	"id" uuid PRIMARY KEY NOT NULL,
	"namespace" text DEFAULT 'default' NOT NULL,
	"operation" text NOT NULL,
	"kind" text NOT NULL,
	"status" integer,
	"latency_ms" integer,
	"after_operation" boolean NOT NULL,
	"probability" double precision NOT NULL,
	"remaining" integer,
	"fired" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "sandbox_namespace" text;--> statement-breakpoint
ALTER TABLE "sandbox_authorizations" ADD COLUMN "namespace" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_hpp_sessions" ADD COLUMN "namespace" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_kp_sessions" ADD COLUMN "namespace" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_orders" ADD COLUMN "namespace" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_outbox" ADD COLUMN "namespace" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX "sandbox_callback_attempts_callback_idx" ON "sandbox_callback_attempts" USING btree ("callback_id");--> statement-breakpoint
CREATE INDEX "sandbox_callbacks_namespace_idx" ON "sandbox_callbacks" USING btree ("namespace","created_at");--> statement-breakpoint
CREATE INDEX "sandbox_callbacks_state_idx" ON "sandbox_callbacks" USING btree ("state");--> statement-breakpoint
CREATE INDEX "sandbox_faults_namespace_idx" ON "sandbox_faults" USING btree ("namespace");