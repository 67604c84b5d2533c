CREATE TABLE `approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_type` text NOT NULL,
	`document_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`user_id` integer NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approvals_document_uq` ON `approvals` (`document_type`,`document_id`);--> statement-breakpoint
CREATE TABLE `dispensings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`recipient` text,
	`pack_checked` integer NOT NULL,
	`expiry_checked` integer NOT NULL,
	`raw` text,
	`posting_id` integer,
	`dispensed_by` integer NOT NULL,
	`dispensed_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispensed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dispensings_depot_idx` ON `dispensings` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `transfer_discrepancies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`kind` text NOT NULL,
	`batch_id` integer,
	`lot` text,
	`product_id` integer,
	`quantity` integer NOT NULL,
	`note` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfer_discrepancies_order_idx` ON `transfer_discrepancies` (`order_id`);--> statement-breakpoint
CREATE TABLE `transfer_order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_order_lines_product_uq` ON `transfer_order_lines` (`order_id`,`product_id`);--> statement-breakpoint
CREATE TABLE `transfer_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`from_depot_id` integer NOT NULL,
	`to_depot_id` integer NOT NULL,
	`basis` text NOT NULL,
	`lateral` integer NOT NULL,
	`plan_reference` text,
	`note` text,
	`status` text NOT NULL,
	`approval_depot_id` integer,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`dispatched_by` integer,
	`dispatched_at` text,
	`dispatch_posting_id` integer,
	`received_at` text,
	FOREIGN KEY (`from_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approval_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispatched_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispatch_posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_orders_number_unique` ON `transfer_orders` (`number`);--> statement-breakpoint
CREATE INDEX `transfer_orders_from_idx` ON `transfer_orders` (`from_depot_id`,`id`);--> statement-breakpoint
CREATE INDEX `transfer_orders_to_idx` ON `transfer_orders` (`to_depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `transfer_picks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`order_line_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`override_reason` text,
	`raw` text,
	`picked_by` integer NOT NULL,
	`picked_at` text NOT NULL,
	`open` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_line_id`) REFERENCES `transfer_order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`picked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfer_picks_order_idx` ON `transfer_picks` (`order_id`);--> statement-breakpoint
CREATE INDEX `transfer_picks_reserved_idx` ON `transfer_picks` (`depot_id`,`open`,`batch_id`);--> statement-breakpoint
CREATE TABLE `zone_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`from_zone` text NOT NULL,
	`to_zone` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text,
	`posting_id` integer,
	`moved_by` integer NOT NULL,
	`moved_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `zone_moves_depot_idx` ON `zone_moves` (`depot_id`,`id`);--> statement-breakpoint
ALTER TABLE `receipts` ADD `source` text DEFAULT 'supplier' NOT NULL;--> statement-breakpoint
ALTER TABLE `receipts` ADD `transfer_order_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_transferOrderId_unique` ON `receipts` (`transfer_order_id`);--> statement-breakpoint
CREATE INDEX `batches_product_expiry_idx` ON `batches` (`product_id`,`expires_on`,`lot`,`unit_price_fen`);