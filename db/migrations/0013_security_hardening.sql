CREATE TABLE `login_attempts` (
	`subject` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`locked_until` text,
	`locks` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_last_idx` ON `login_attempts` (`last_failure_at`);--> statement-breakpoint
DROP TABLE `login_throttle`;--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `body_hash` text;