CREATE TABLE `climate_excursions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer,
	`extreme` real,
	`readings` integer NOT NULL,
	`status` text NOT NULL,
	`resolution` text,
	`action` text,
	`acknowledged_by` integer,
	`acknowledged_at` text,
	`detected_at` text NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `storage_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `climate_excursions_area_idx` ON `climate_excursions` (`area_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `climate_excursions_depot_idx` ON `climate_excursions` (`depot_id`,`status`);--> statement-breakpoint
CREATE TABLE `climate_exposures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`excursion_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`minutes` integer NOT NULL,
	`exposed_until` integer,
	FOREIGN KEY (`excursion_id`) REFERENCES `climate_excursions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `climate_exposures_batch_idx` ON `climate_exposures` (`depot_id`,`batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `climate_exposures_uq` ON `climate_exposures` (`excursion_id`,`batch_id`);--> statement-breakpoint
CREATE TABLE `climate_readings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
	`taken_at` integer NOT NULL,
	`temperature_c` real NOT NULL,
	`humidity_pct` real,
	`source` text NOT NULL,
	`recorded_by` integer,
	`sensor_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `storage_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sensor_id`) REFERENCES `climate_sensors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `climate_readings_area_time_uq` ON `climate_readings` (`area_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `climate_sensors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_hint` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	`last_seen_at` text,
	FOREIGN KEY (`area_id`) REFERENCES `storage_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `climate_sensors_tokenHash_unique` ON `climate_sensors` (`token_hash`);--> statement-breakpoint
CREATE TABLE `storage_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`zones` text NOT NULL,
	`min_c` real NOT NULL,
	`max_c` real NOT NULL,
	`max_rh` real NOT NULL,
	`expected_interval_minutes` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `storage_areas_depot_idx` ON `storage_areas` (`depot_id`);--> statement-breakpoint
-- A climate reading is a record (库房温湿度记录表): never edited, never deleted.
CREATE TRIGGER climate_readings_no_update BEFORE UPDATE ON climate_readings
BEGIN
  SELECT RAISE(ABORT, 'climate_readings is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER climate_readings_no_delete BEFORE DELETE ON climate_readings
BEGIN
  SELECT RAISE(ABORT, 'climate_readings is append-only');
END;
