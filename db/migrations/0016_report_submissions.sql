CREATE TABLE `report_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`snapshot` text NOT NULL,
	`diff` text,
	`due_on` text NOT NULL,
	`signed_by` integer NOT NULL,
	`signed_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`return_reason` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_submissions_period_idx` ON `report_submissions` (`kind`,`year`,`period`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `report_submissions_uq` ON `report_submissions` (`depot_id`,`kind`,`year`,`period`,`version`);--> statement-breakpoint
-- What a leader signed and sent up never changes: only the decision of the depot above is written later.
CREATE TRIGGER report_submissions_frozen BEFORE UPDATE OF depot_id, kind, year, period, version, snapshot, diff, due_on, signed_by, signed_at ON report_submissions
BEGIN
  SELECT RAISE(ABORT, 'report_submissions keeps the signed figures frozen');
END;
--> statement-breakpoint
CREATE TRIGGER report_submissions_no_delete BEFORE DELETE ON report_submissions
BEGIN
  SELECT RAISE(ABORT, 'report_submissions is append-only');
END;
