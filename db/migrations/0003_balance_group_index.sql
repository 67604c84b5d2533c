DROP INDEX `stock_balances_batch_idx`;--> statement-breakpoint
CREATE INDEX `stock_balances_group_idx` ON `stock_balances` (`batch_id`,`location`,`depot_id`,`quantity`,`value_fen`);