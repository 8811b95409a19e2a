CREATE TABLE "fulfillment_writebacks" (
	"connection_id" uuid NOT NULL,
	"fulfillment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"sales_order_id" text NOT NULL,
	"last_modified" text NOT NULL,
	"note_id" text,
	"tracking_numbers" jsonb NOT NULL,
	"status_set" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fulfillment_writebacks_connection_id_fulfillment_id_pk" PRIMARY KEY("connection_id","fulfillment_id")
);
--> statement-breakpoint
CREATE TABLE "netsuite_poll_cursors" (
	"netsuite_account_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"last_modified" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "netsuite_poll_cursors_netsuite_account_id_record_type_pk" PRIMARY KEY("netsuite_account_id","record_type")
);
--> statement-breakpoint
ALTER TABLE "fulfillment_writebacks" ADD CONSTRAINT "fulfillment_writebacks_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "netsuite_poll_cursors" ADD CONSTRAINT "netsuite_poll_cursors_netsuite_account_id_netsuite_accounts_id_fk" FOREIGN KEY ("netsuite_account_id") REFERENCES "public"."netsuite_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fulfillment_writebacks_order_idx" ON "fulfillment_writebacks" USING btree ("connection_id","order_id");