DROP INDEX "sandbox_captures_order_idx";--> statement-breakpoint
CREATE INDEX "sandbox_captures_order_sequence_idx" ON "sandbox_captures" USING btree ("order_id","sequence");