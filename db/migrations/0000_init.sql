CREATE TABLE `depots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`tier` text NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`depth` integer NOT NULL,
	`contact_phone` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `depots_code_unique` ON `depots` (`code`);--> statement-breakpoint
CREATE INDEX `depots_parent_idx` ON `depots` (`parent_id`);--> statement-breakpoint
CREATE INDEX `depots_path_idx` ON `depots` (`path`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`lot` text NOT NULL,
	`expires_on` text NOT NULL,
	`produced_on` text,
	`manufacturer` text,
	`unit_price_fen` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `batches_expires_idx` ON `batches` (`expires_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `batches_product_lot_uq` ON `batches` (`product_id`,`lot`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`dosage_form` text NOT NULL,
	`product_class` text NOT NULL,
	`spec_zh` text NOT NULL,
	`spec_en` text NOT NULL,
	`unit_zh` text NOT NULL,
	`unit_en` text NOT NULL,
	`gtin` text,
	`unit_price_fen` integer DEFAULT 0 NOT NULL,
	`storage_min_c` real,
	`storage_max_c` real,
	`storage_max_rh` real,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_gtin_unique` ON `products` (`gtin`);--> statement-breakpoint
CREATE TABLE `postings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`document_type` text NOT NULL,
	`document_id` integer NOT NULL,
	`reverses_posting_id` integer,
	`reason` text,
	`actor_id` integer NOT NULL,
	`posted_at` text NOT NULL,
	FOREIGN KEY (`reverses_posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postings_document_idx` ON `postings` (`document_type`,`document_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `postings_reverses_uq` ON `postings` (`reverses_posting_id`);--> statement-breakpoint
CREATE TABLE `stock_balances` (
	`depot_id` integer NOT NULL,
	`location` text NOT NULL,
	`batch_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`first_received_at` text NOT NULL,
	`last_movement_id` integer NOT NULL,
	PRIMARY KEY(`depot_id`, `location`, `batch_id`),
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_balances_batch_idx` ON `stock_balances` (`batch_id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`posting_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`location` text NOT NULL,
	`batch_id` integer NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`posted_at` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_depot_idx` ON `stock_movements` (`depot_id`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_card_idx` ON `stock_movements` (`depot_id`,`batch_id`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_posting_idx` ON `stock_movements` (`posting_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`depot_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_depot_idx` ON `audit_log` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`username` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `role_grants` (
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`granted_by` integer,
	`granted_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`depot_id` integer NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`created_at` text NOT NULL,
	`deactivated_at` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_depot_idx` ON `users` (`depot_id`);--> statement-breakpoint
CREATE TABLE `opening_balance_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opening_balance_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`zone` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	FOREIGN KEY (`opening_balance_id`) REFERENCES `opening_balances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `opening_balances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`depot_id` integer NOT NULL,
	`note` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`posting_id` integer,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opening_balances_number_unique` ON `opening_balances` (`number`);--> statement-breakpoint
CREATE INDEX `opening_balances_depot_idx` ON `opening_balances` (`depot_id`);