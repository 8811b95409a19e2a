CREATE TABLE "stock_levels" (
	"connection_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"netsuite_item_id" text NOT NULL,
	"product_id" text,
	"parent_id" text,
	"last_computed" integer,
	"last_written" integer,
	"written_at" timestamp with time zone,
	"drift_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_connection_id_sku_pk" PRIMARY KEY("connection_id","sku")
);
--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;