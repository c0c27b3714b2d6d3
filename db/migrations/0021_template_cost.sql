CREATE TABLE "workspace_rate_cards" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"rates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "cost_amount" numeric(14, 6);--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "cost_currency" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "cost_basis" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing" jsonb;--> statement-breakpoint
ALTER TABLE "workspace_rate_cards" ADD CONSTRAINT "workspace_rate_cards_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_cost_month_idx" ON "messages" USING btree ("workspace_id","created_at") WHERE "messages"."cost_amount" is not null;