ALTER TABLE "conversations" ADD COLUMN "referral" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "referral_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "referral_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "free_entry_until" timestamp with time zone;