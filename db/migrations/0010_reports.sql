CREATE TABLE `stock_period_totals` (
	`depot_id` integer NOT NULL,
	`scope` text NOT NULL,
	`month` text NOT NULL,
	`product_id` integer NOT NULL,
	`flow` text NOT NULL,
	`in_qty` integer DEFAULT 0 NOT NULL,
	`in_value_fen` integer DEFAULT 0 NOT NULL,
	`out_qty` integer DEFAULT 0 NOT NULL,
	`out_value_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`depot_id`, `scope`, `month`, `product_id`, `flow`),
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `products` ADD `cyp_per_unit` real;
-- Published CYP conversion factors (USAID): pills 15 cycles, emergency pills 20 doses, monthly
-- injectables 13 and three-monthly 4 doses, condoms and vaginal methods 120 units per CYP;
-- TCu380A 4.6 and other copper IUDs 3.3 CYP per insertion; a two-rod LNG implant (Sino-implant II)
-- 3.2 CYP. Per unit of issue: a box of 10 condoms is 10/120.
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/15 WHERE `code` = 'KJ-0101' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/15 WHERE `code` = 'KJ-0102' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/15 WHERE `code` = 'KJ-0103' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/20 WHERE `code` = 'KJ-0104' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/13 WHERE `code` = 'KJ-0201' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/4 WHERE `code` = 'KJ-0202' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 10.0/120 WHERE `code` = 'KJ-0301' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 10.0/120 WHERE `code` = 'KJ-0401' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 1.0/120 WHERE `code` = 'KJ-0501' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 3.3 WHERE `code` = 'KJ-0601' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 4.6 WHERE `code` = 'KJ-0602' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 3.3 WHERE `code` = 'KJ-0603' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 10.0/120 WHERE `code` = 'KJ-0701' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 10.0/120 WHERE `code` = 'KJ-0702' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 10.0/120 WHERE `code` = 'KJ-0703' AND `cyp_per_unit` IS NULL;
--> statement-breakpoint
UPDATE `products` SET `cyp_per_unit` = 3.2 WHERE `code` = 'KJ-0801' AND `cyp_per_unit` IS NULL;
