CREATE TABLE "backfill_cursors" (
	"connection_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"modified_after" timestamp with time zone NOT NULL,
	"next_page" integer DEFAULT 1 NOT NULL,
	"sweep_started_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backfill_cursors_connection_id_resource_pk" PRIMARY KEY("connection_id","resource")
);
--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "source" text DEFAULT 'webhook' NOT NULL;--> statement-breakpoint
ALTER TABLE "backfill_cursors" ADD CONSTRAINT "backfill_cursors_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;