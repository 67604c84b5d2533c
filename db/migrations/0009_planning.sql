CREATE TABLE `allocation_plan_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`child_depot_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`requested` integer,
	`last_year_use` integer NOT NULL,
	`last_year_users` integer NOT NULL,
	`forecast_change_pct` real NOT NULL,
	`proposed` integer NOT NULL,
	`allocated` integer NOT NULL,
	`reason` text,
	FOREIGN KEY (`plan_id`) REFERENCES `allocation_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_plan_lines_uq` ON `allocation_plan_lines` (`plan_id`,`child_depot_id`,`product_id`);--> statement-breakpoint
CREATE TABLE `allocation_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`depot_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`signed_by` integer,
	`issued_at` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_plans_number_unique` ON `allocation_plans` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_plans_uq` ON `allocation_plans` (`depot_id`,`year`);--> statement-breakpoint
CREATE TABLE `demand_plan_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`inputs` text NOT NULL,
	`proposed` integer NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text,
	FOREIGN KEY (`plan_id`) REFERENCES `demand_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demand_plan_lines_uq` ON `demand_plan_lines` (`plan_id`,`product_id`);--> statement-breakpoint
CREATE TABLE `demand_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`signed_by` integer,
	`signed_at` text,
	`submitted_by` integer,
	`submitted_at` text,
	`missing_children` text,
	`returned_by` integer,
	`returned_at` text,
	`return_comment` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `demand_plans_year_idx` ON `demand_plans` (`year`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `demand_plans_uq` ON `demand_plans` (`depot_id`,`year`);--> statement-breakpoint
CREATE TABLE `usage_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`year` integer NOT NULL,
	`half` integer NOT NULL,
	`method` text NOT NULL,
	`users` integer NOT NULL,
	`source` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_figures_uq` ON `usage_figures` (`depot_id`,`year`,`half`,`method`);--> statement-breakpoint
ALTER TABLE `products` ADD `annual_use_per_user` real;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `allocation_plan_id` integer;--> statement-breakpoint
-- 年、人份标准使用量 (S0:514) of the national catalogue, editable: a cycle a month and one more for pills, 120 condoms a year, an IUD every five years, an implant every four.
UPDATE `products` SET `annual_use_per_user` = 13 WHERE `code` = 'KJ-0101' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 13 WHERE `code` = 'KJ-0102' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 13 WHERE `code` = 'KJ-0103' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 2 WHERE `code` = 'KJ-0104' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 12 WHERE `code` = 'KJ-0201' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 4 WHERE `code` = 'KJ-0202' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 10 WHERE `code` = 'KJ-0301' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 10 WHERE `code` = 'KJ-0401' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 10 WHERE `code` = 'KJ-0501' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 0.2 WHERE `code` = 'KJ-0601' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 0.2 WHERE `code` = 'KJ-0602' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 0.2 WHERE `code` = 'KJ-0603' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 12 WHERE `code` = 'KJ-0701' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 12 WHERE `code` = 'KJ-0702' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 12 WHERE `code` = 'KJ-0703' AND `annual_use_per_user` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `annual_use_per_user` = 0.25 WHERE `code` = 'KJ-0801' AND `annual_use_per_user` IS NULL;
