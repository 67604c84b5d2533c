CREATE TABLE `supervision_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`finding_id` integer NOT NULL,
	`text` text NOT NULL,
	`owner_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`status` text NOT NULL,
	`closed_by` integer,
	`closed_at` text,
	`close_note` text,
	`verified_by` integer,
	`verified_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `supervision_visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finding_id`) REFERENCES `supervision_findings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_actions_visit_idx` ON `supervision_actions` (`visit_id`);--> statement-breakpoint
CREATE INDEX `supervision_actions_status_idx` ON `supervision_actions` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `supervision_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`item` text,
	`text` text NOT NULL,
	`severity` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `supervision_visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_findings_visit_idx` ON `supervision_findings` (`visit_id`);--> statement-breakpoint
CREATE TABLE `supervision_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visiting_depot_id` integer NOT NULL,
	`visited_depot_id` integer NOT NULL,
	`status` text NOT NULL,
	`planned_on` text NOT NULL,
	`visitors` text NOT NULL,
	`methods` text NOT NULL,
	`leader_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`started_by` integer,
	`started_at` text,
	`checklist` text,
	`signed_at` text,
	`closed_by` integer,
	`closed_at` text,
	`close_note` text,
	FOREIGN KEY (`visiting_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visited_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_visits_visited_idx` ON `supervision_visits` (`visited_depot_id`,`id`);--> statement-breakpoint
CREATE INDEX `supervision_visits_visiting_idx` ON `supervision_visits` (`visiting_depot_id`,`id`);