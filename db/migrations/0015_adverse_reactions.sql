CREATE TABLE `adverse_reactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`depot_id` integer NOT NULL,
	`county_id` integer,
	`person_id` integer,
	`birth_year` integer,
	`community` text,
	`dispensing_id` integer,
	`batch_id` integer NOT NULL,
	`entry` text NOT NULL,
	`use_started_on` text NOT NULL,
	`onset_on` text NOT NULL,
	`learned_on` text NOT NULL,
	`description` text NOT NULL,
	`treatment` text,
	`outcome` text NOT NULL,
	`reported_criteria` text NOT NULL,
	`criteria` text NOT NULL,
	`serious` integer NOT NULL,
	`status` text NOT NULL,
	`due_on` text NOT NULL,
	`filed_on` text NOT NULL,
	`filed_by` integer NOT NULL,
	`filed_at` text NOT NULL,
	`decision` text,
	`diagnosing_body` text,
	`institution` text,
	`diagnostician` text,
	`diagnosed_on` text,
	`confirmation_note` text,
	`confirmed_by` integer,
	`confirmed_at` text,
	`submitted_by` integer,
	`submitted_at` text,
	`submitted_on` text,
	`signal_id` integer,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispensing_id`) REFERENCES `dispensings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signal_id`) REFERENCES `adverse_signals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adverse_reactions_number_unique` ON `adverse_reactions` (`number`);--> statement-breakpoint
CREATE INDEX `adverse_reactions_depot_idx` ON `adverse_reactions` (`depot_id`,`id`);--> statement-breakpoint
CREATE INDEX `adverse_reactions_batch_idx` ON `adverse_reactions` (`batch_id`,`filed_on`);--> statement-breakpoint
CREATE INDEX `adverse_reactions_county_idx` ON `adverse_reactions` (`county_id`,`status`);--> statement-breakpoint
CREATE INDEX `adverse_reactions_due_idx` ON `adverse_reactions` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `adverse_reactions_person_idx` ON `adverse_reactions` (`person_id`);--> statement-breakpoint
CREATE TABLE `adverse_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`raised_on` text NOT NULL,
	`raised_at` text NOT NULL,
	`window_from` text NOT NULL,
	`report_count` integer NOT NULL,
	`hold_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hold_id`) REFERENCES `batch_holds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adverse_signals_batch_idx` ON `adverse_signals` (`batch_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `adverse_signals_depot_idx` ON `adverse_signals` (`depot_id`,`id`);