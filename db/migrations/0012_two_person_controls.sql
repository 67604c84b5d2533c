CREATE TABLE `reversal_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`posting_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_reason` text,
	`reversal_posting_id` integer,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversal_posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reversal_requests_depot_idx` ON `reversal_requests` (`depot_id`,`status`);--> statement-breakpoint
CREATE INDEX `reversal_requests_posting_idx` ON `reversal_requests` (`posting_id`);--> statement-breakpoint
CREATE TABLE `opening_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`ends_on` text NOT NULL,
	`reason` text NOT NULL,
	`opened_by` integer NOT NULL,
	`opened_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opening_windows_depot_idx` ON `opening_windows` (`depot_id`,`ends_on`);--> statement-breakpoint
CREATE TABLE `notification_reads` (
	`notification_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`read_at` text NOT NULL,
	PRIMARY KEY(`notification_id`, `user_id`),
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `opening_balances` ADD `confirmed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `opening_balances` ADD `confirmed_at` text;--> statement-breakpoint
ALTER TABLE `receipt_lines` ADD `unit_price_fen` integer;--> statement-breakpoint
ALTER TABLE `inspections` ADD `opening_balance_id` integer;--> statement-breakpoint
-- Opening balances entered before the two-person rule count as confirmed: their stock was already in use.
UPDATE `opening_balances` SET `confirmed_at` = `created_at` WHERE `confirmed_at` IS NULL;
