CREATE TABLE "sandbox_authorizations" (
	"token" uuid PRIMARY KEY NOT NULL,
	"kp_session_id" uuid NOT NULL,
	"hpp_session_id" uuid,
	"category" text NOT NULL,
	"consumer_email" text,
	"status" text NOT NULL,
	"order_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_captures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"captured_amount" bigint NOT NULL,
	"refunded_amount" bigint NOT NULL,
	"data" jsonb NOT NULL,
	"captured_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_hpp_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kp_session_id" uuid NOT NULL,
	"merchant_urls" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"status" text NOT NULL,
	"declined_categories" jsonb NOT NULL,
	"authorization_token" uuid,
	"order_id" uuid,
	"klarna_reference" text,
	"distribution_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_idempotency" (
	"key" text PRIMARY KEY NOT NULL,
	"status" integer NOT NULL,
	"headers" jsonb NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_kp_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"payment_method_categories" jsonb NOT NULL,
	"client_token" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kp_session_id" uuid NOT NULL,
	"klarna_reference" text NOT NULL,
	"status" text NOT NULL,
	"fraud_status" text NOT NULL,
	"fraud_decision_at" timestamp with time zone,
	"fraud_verdict" text,
	"data" jsonb NOT NULL,
	"order_amount" bigint NOT NULL,
	"original_order_amount" bigint NOT NULL,
	"captured_amount" bigint NOT NULL,
	"refunded_amount" bigint NOT NULL,
	"released" boolean NOT NULL,
	"initial_payment_method" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sandbox_orders_klarna_reference_unique" UNIQUE("klarna_reference")
);
--> statement-breakpoint
CREATE TABLE "sandbox_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hpp_session_id" uuid NOT NULL,
	"method" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"link" text NOT NULL,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"refunded_amount" bigint NOT NULL,
	"data" jsonb NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sandbox_authorizations_kp_idx" ON "sandbox_authorizations" USING btree ("kp_session_id");--> statement-breakpoint
CREATE INDEX "sandbox_captures_order_idx" ON "sandbox_captures" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sandbox_hpp_sessions_kp_idx" ON "sandbox_hpp_sessions" USING btree ("kp_session_id");--> statement-breakpoint
CREATE INDEX "sandbox_refunds_order_idx" ON "sandbox_refunds" USING btree ("order_id");