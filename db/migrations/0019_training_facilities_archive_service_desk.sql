CREATE TABLE `education_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`place` text NOT NULL,
	`topics` text NOT NULL,
	`topics_note` text,
	`attendance` integer NOT NULL,
	`materials` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `education_sessions_depot_idx` ON `education_sessions` (`depot_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `training_attendees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`training_id` integer NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`depot_id` integer NOT NULL,
	FOREIGN KEY (`training_id`) REFERENCES `trainings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_attendees_training_idx` ON `training_attendees` (`training_id`);--> statement-breakpoint
CREATE INDEX `training_attendees_user_idx` ON `training_attendees` (`user_id`);--> statement-breakpoint
CREATE TABLE `training_requirements` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`waived_by` integer,
	`waived_at` text,
	`waiver_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`waived_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_depot_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`title` text NOT NULL,
	`topics` text NOT NULL,
	`topics_note` text,
	`trainer` text NOT NULL,
	`materials` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`organiser_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainings_organiser_idx` ON `trainings` (`organiser_depot_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `archive_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`document_kind` text NOT NULL,
	`document_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`note` text,
	`attached_by` integer NOT NULL,
	`attached_at` text NOT NULL,
	`disposed_by` integer,
	`disposed_at` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attached_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`disposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `archive_attachments_document_idx` ON `archive_attachments` (`document_kind`,`document_id`);--> statement-breakpoint
CREATE INDEX `archive_attachments_depot_idx` ON `archive_attachments` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `archive_files` (
	`attachment_id` integer PRIMARY KEY NOT NULL,
	`content` blob NOT NULL,
	FOREIGN KEY (`attachment_id`) REFERENCES `archive_attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `archive_retention_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`document_kind` text NOT NULL,
	`document_id` integer NOT NULL,
	`decision` text NOT NULL,
	`keep_until` text,
	`reason` text NOT NULL,
	`decided_by` integer NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `archive_retention_decisions_document_idx` ON `archive_retention_decisions` (`document_kind`,`document_id`,`id`);--> statement-breakpoint
CREATE INDEX `archive_retention_decisions_depot_idx` ON `archive_retention_decisions` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_handovers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`from_user_id` integer NOT NULL,
	`to_user_id` integer NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`offered_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_handovers_request_idx` ON `service_handovers` (`request_id`);--> statement-breakpoint
CREATE INDEX `service_handovers_to_idx` ON `service_handovers` (`to_user_id`,`status`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`depot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`requester_depot_id` integer,
	`requester_name` text,
	`requester_phone` text,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`received_by` integer NOT NULL,
	`received_at` text NOT NULL,
	`owner_id` integer NOT NULL,
	`reply_due_at` text NOT NULL,
	`resolve_due_at` text NOT NULL,
	`reply` text,
	`replied_by` integer,
	`replied_at` text,
	`resolution` text,
	`satisfaction` text,
	`satisfaction_note` text,
	`resolved_by` integer,
	`resolved_at` text,
	`batch_id` integer,
	`transfer_order_id` integer,
	`person_id` integer,
	`adverse_reaction_id` integer,
	`reply_escalated_at` text,
	`resolve_escalated_at` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requester_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adverse_reaction_id`) REFERENCES `adverse_reactions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_requests_number_unique` ON `service_requests` (`number`);--> statement-breakpoint
CREATE INDEX `service_requests_depot_idx` ON `service_requests` (`depot_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `service_requests_owner_idx` ON `service_requests` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `service_requests_status_idx` ON `service_requests` (`status`,`resolve_due_at`);--> statement-breakpoint
CREATE TABLE `equipment_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`model` text NOT NULL,
	`serial` text,
	`location` text,
	`responsible_id` integer NOT NULL,
	`status` text NOT NULL,
	`sensor_id` integer,
	`replaces_id` integer,
	`created_at` text NOT NULL,
	`left_at` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sensor_id`) REFERENCES `climate_sensors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `equipment_items_depot_idx` ON `equipment_items` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `equipment_maintenance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`done_on` text NOT NULL,
	`work` text NOT NULL,
	`done_by` text NOT NULL,
	`result` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `equipment_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `equipment_maintenance_item_idx` ON `equipment_maintenance` (`item_id`,`done_on`);--> statement-breakpoint
CREATE TABLE `equipment_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`item_id` integer,
	`proposal` text,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_note` text,
	`result_item_id` integer,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `equipment_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`result_item_id`) REFERENCES `equipment_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `equipment_requests_depot_idx` ON `equipment_requests` (`depot_id`,`status`);--> statement-breakpoint
CREATE TABLE `facility_profile_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`changes` text NOT NULL,
	`changed_by` integer NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `facility_profile_changes_depot_idx` ON `facility_profile_changes` (`depot_id`,`id`);--> statement-breakpoint
CREATE TABLE `facility_profiles` (
	`depot_id` integer PRIMARY KEY NOT NULL,
	`office_area_m_2` real,
	`store_area_m_2` real,
	`zones_marked` integer NOT NULL,
	`items` text NOT NULL,
	`note` text,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `supervision_actions` ADD `reopen_note` text;--> statement-breakpoint
ALTER TABLE `supervision_actions` ADD `reopened_at` text;--> statement-breakpoint
-- Records kept as written: trainings, the facility and equipment logs, retention decisions; a closed
-- service request; an attached file's bytes, deleted only after its record says disposed.
CREATE TRIGGER trainings_no_update BEFORE UPDATE ON trainings
BEGIN
  SELECT RAISE(ABORT, 'trainings is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER trainings_no_delete BEFORE DELETE ON trainings
BEGIN
  SELECT RAISE(ABORT, 'trainings is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER training_attendees_no_update BEFORE UPDATE ON training_attendees
BEGIN
  SELECT RAISE(ABORT, 'training_attendees is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER training_attendees_no_delete BEFORE DELETE ON training_attendees
BEGIN
  SELECT RAISE(ABORT, 'training_attendees is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER education_sessions_no_update BEFORE UPDATE ON education_sessions
BEGIN
  SELECT RAISE(ABORT, 'education_sessions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER education_sessions_no_delete BEFORE DELETE ON education_sessions
BEGIN
  SELECT RAISE(ABORT, 'education_sessions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER facility_profile_changes_no_update BEFORE UPDATE ON facility_profile_changes
BEGIN
  SELECT RAISE(ABORT, 'facility_profile_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER facility_profile_changes_no_delete BEFORE DELETE ON facility_profile_changes
BEGIN
  SELECT RAISE(ABORT, 'facility_profile_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER equipment_maintenance_no_update BEFORE UPDATE ON equipment_maintenance
BEGIN
  SELECT RAISE(ABORT, 'equipment_maintenance is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER equipment_maintenance_no_delete BEFORE DELETE ON equipment_maintenance
BEGIN
  SELECT RAISE(ABORT, 'equipment_maintenance is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER archive_retention_decisions_no_update BEFORE UPDATE ON archive_retention_decisions
BEGIN
  SELECT RAISE(ABORT, 'archive_retention_decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER archive_retention_decisions_no_delete BEFORE DELETE ON archive_retention_decisions
BEGIN
  SELECT RAISE(ABORT, 'archive_retention_decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER service_requests_closed_no_update BEFORE UPDATE ON service_requests
WHEN OLD.status = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed service request does not change');
END;
--> statement-breakpoint
CREATE TRIGGER service_requests_no_delete BEFORE DELETE ON service_requests
BEGIN
  SELECT RAISE(ABORT, 'service_requests are kept');
END;
--> statement-breakpoint
CREATE TRIGGER archive_attachments_no_delete BEFORE DELETE ON archive_attachments
BEGIN
  SELECT RAISE(ABORT, 'the record of an attached file is kept');
END;
--> statement-breakpoint
CREATE TRIGGER archive_files_kept_until_disposed BEFORE DELETE ON archive_files
WHEN (SELECT disposed_at FROM archive_attachments WHERE id = OLD.attachment_id) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'the bytes of a file go only by a recorded disposal');
END;
--> statement-breakpoint
CREATE TRIGGER archive_files_no_update BEFORE UPDATE ON archive_files
BEGIN
  SELECT RAISE(ABORT, 'archive_files are not rewritten');
END;
