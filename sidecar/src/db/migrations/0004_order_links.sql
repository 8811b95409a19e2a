CREATE TABLE "order_links" (
	"connection_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"sales_order_id" text NOT NULL,
	"last_modified_gmt" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_links_connection_id_order_id_pk" PRIMARY KEY("connection_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;