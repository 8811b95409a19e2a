CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"connection_id" uuid,
	"dedupe_key" text NOT NULL,
	"message" text NOT NULL,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sku_mappings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"connection_id" uuid,
	"scope" text GENERATED ALWAYS AS (coalesce(connection_id::text, '*')) STORED NOT NULL,
	"netsuite_item_id" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_mappings" ADD CONSTRAINT "sku_mappings_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_dedupe_key_uq" ON "alerts" USING btree ("dedupe_key") WHERE "alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "alerts_last_seen_idx" ON "alerts" USING btree ("last_seen");--> statement-breakpoint
CREATE UNIQUE INDEX "sku_mappings_scope_sku_uq" ON "sku_mappings" USING btree ("scope","sku");--> statement-breakpoint
CREATE INDEX "sku_mappings_sku_idx" ON "sku_mappings" USING btree ("sku");