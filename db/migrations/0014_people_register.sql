CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`on` text NOT NULL,
	`due_on` text,
	`method` text NOT NULL,
	`outcome` text NOT NULL,
	`side_effects` text,
	`switched_to` text,
	`stop_reason` text,
	`note` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_ups_person_idx` ON `follow_ups` (`person_id`,`on`);--> statement-breakpoint
CREATE INDEX `follow_ups_depot_idx` ON `follow_ups` (`depot_id`,`on`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`case_number` text NOT NULL,
	`name` text,
	`birth_year_month` text,
	`community` text,
	`contact` text,
	`method` text NOT NULL,
	`method_since` text NOT NULL,
	`status` text NOT NULL,
	`status_on` text NOT NULL,
	`status_reason` text,
	`consent_on` text NOT NULL,
	`dispenser_id` integer,
	`registered_by` integer NOT NULL,
	`registered_at` text NOT NULL,
	`last_follow_up_on` text,
	`next_follow_up_on` text,
	`closed_at` text,
	`closed_by` integer,
	`close_reason` text,
	`erased_at` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispenser_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_caseNumber_unique` ON `people` (`case_number`);--> statement-breakpoint
CREATE INDEX `people_depot_idx` ON `people` (`depot_id`,`id`);--> statement-breakpoint
CREATE INDEX `people_due_idx` ON `people` (`depot_id`,`next_follow_up_on`);--> statement-breakpoint
CREATE INDEX `people_dispenser_due_idx` ON `people` (`dispenser_id`,`next_follow_up_on`);--> statement-breakpoint
CREATE INDEX `people_closed_idx` ON `people` (`closed_at`);--> statement-breakpoint
CREATE TABLE `person_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`on` text NOT NULL,
	`status` text NOT NULL,
	`method` text,
	`reason` text,
	`source` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_events_person_idx` ON `person_events` (`person_id`,`on`,`id`);--> statement-breakpoint
CREATE TABLE `person_registers` (
	`depot_id` integer PRIMARY KEY NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` integer NOT NULL,
	`next_seq` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `dispensings` ADD `person_id` integer REFERENCES people(id);--> statement-breakpoint
CREATE INDEX `dispensings_person_idx` ON `dispensings` (`person_id`);--> statement-breakpoint
CREATE INDEX `dispensings_depot_at_idx` ON `dispensings` (`depot_id`,`dispensed_at`);