CREATE TABLE "price_levels" (
	"connection_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_id" text,
	"parent_id" text,
	"last_written" text,
	"written_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_levels_connection_id_sku_pk" PRIMARY KEY("connection_id","sku")
);
--> statement-breakpoint
ALTER TABLE "price_levels" ADD CONSTRAINT "price_levels_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;