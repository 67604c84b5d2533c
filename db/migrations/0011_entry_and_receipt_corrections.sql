DROP INDEX `receipts_transferOrderId_unique`;--> statement-breakpoint
ALTER TABLE `receipts` ADD `cancelled_at` text;--> statement-breakpoint
ALTER TABLE `receipts` ADD `cancelled_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `receipts` ADD `cancel_reason` text;--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_transfer_order_uq` ON `receipts` (`transfer_order_id`) WHERE "status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE `receipt_scans` ADD `entry` text DEFAULT 'scanned' NOT NULL;--> statement-breakpoint
ALTER TABLE `dispensings` ADD `entry` text DEFAULT 'scanned' NOT NULL;--> statement-breakpoint
ALTER TABLE `transfer_picks` ADD `entry` text DEFAULT 'scanned' NOT NULL;--> statement-breakpoint
ALTER TABLE `zone_moves` ADD `entry` text DEFAULT 'typed' NOT NULL;--> statement-breakpoint
ALTER TABLE `stock_count_lines` ADD `entry` text;--> statement-breakpoint
-- Until now an entry without the scanner's text was typed (manual entry or a chosen batch).
UPDATE `receipt_scans` SET `entry` = 'typed' WHERE `raw` IS NULL;
--> statement-breakpoint
UPDATE `dispensings` SET `entry` = 'typed' WHERE `raw` IS NULL;
--> statement-breakpoint
UPDATE `transfer_picks` SET `entry` = 'typed' WHERE `raw` IS NULL;
