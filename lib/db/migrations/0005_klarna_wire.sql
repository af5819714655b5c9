ALTER TABLE "order_payment_sessions" ALTER COLUMN "redirect_url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_payment_sessions" ALTER COLUMN "session_url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_payment_sessions" ALTER COLUMN "qr_code_url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_payment_sessions" ALTER COLUMN "distribution_url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_payment_sessions" ALTER COLUMN "expires_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_method_categories" jsonb;