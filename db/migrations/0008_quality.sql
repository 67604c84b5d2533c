CREATE TABLE `batch_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`depot_path` text NOT NULL,
	`reason` text NOT NULL,
	`inspection_id` integer,
	`raised_by` integer NOT NULL,
	`raised_at` text NOT NULL,
	`released_by` integer,
	`released_at` text,
	`release_reason` text,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`released_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `batch_holds_batch_idx` ON `batch_holds` (`batch_id`,`released_at`);--> statement-breakpoint
CREATE TABLE `disposal_witnesses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`disposal_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`confirmed_at` text NOT NULL,
	FOREIGN KEY (`disposal_id`) REFERENCES `disposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disposal_witnesses_uq` ON `disposal_witnesses` (`disposal_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `disposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`method` text NOT NULL,
	`place` text,
	`detail` text,
	`recorded_by` integer NOT NULL,
	`disposed_at` text NOT NULL,
	`posting_id` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disposals_requestId_unique` ON `disposals` (`request_id`);--> statement-breakpoint
CREATE TABLE `expiry_sweeps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`mode` text NOT NULL,
	`lines` text NOT NULL,
	`swept_by` integer,
	`swept_at` text NOT NULL,
	`posting_id` integer,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`swept_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expiry_sweeps_depot_idx` ON `expiry_sweeps` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `stock_count_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`count_id` integer NOT NULL,
	`zone` text NOT NULL,
	`batch_id` integer NOT NULL,
	`expected` integer NOT NULL,
	`counted` integer,
	`unit_price_fen` integer NOT NULL,
	`counted_by` integer,
	`counted_at` text,
	FOREIGN KEY (`count_id`) REFERENCES `stock_counts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_count_lines_uq` ON `stock_count_lines` (`count_id`,`zone`,`batch_id`);--> statement-breakpoint
CREATE TABLE `stock_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`depot_id` integer NOT NULL,
	`zones` text NOT NULL,
	`blind` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`started_by` integer NOT NULL,
	`started_at` text NOT NULL,
	`submitted_by` integer,
	`submitted_at` text,
	`approved_by` integer,
	`approved_at` text,
	`return_reason` text,
	`posting_id` integer,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_counts_number_unique` ON `stock_counts` (`number`);--> statement-breakpoint
CREATE INDEX `stock_counts_depot_idx` ON `stock_counts` (`depot_id`,`status`);--> statement-breakpoint
CREATE TABLE `write_off_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`unit_price_fen` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `write_off_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `write_off_lines_request_idx` ON `write_off_lines` (`request_id`);--> statement-breakpoint
CREATE INDEX `write_off_lines_batch_idx` ON `write_off_lines` (`batch_id`);--> statement-breakpoint
CREATE TABLE `write_off_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`depot_id` integer NOT NULL,
	`approval_depot_id` integer NOT NULL,
	`status` text NOT NULL,
	`inspection_id` integer,
	`note` text,
	`requested_by` integer NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_reason` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approval_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `write_off_requests_number_unique` ON `write_off_requests` (`number`);--> statement-breakpoint
CREATE INDEX `write_off_requests_depot_idx` ON `write_off_requests` (`depot_id`,`status`);--> statement-breakpoint
CREATE INDEX `write_off_requests_approval_idx` ON `write_off_requests` (`approval_depot_id`,`status`);--> statement-breakpoint
CREATE INDEX `stock_movements_batch_idx` ON `stock_movements` (`batch_id`,`depot_id`);