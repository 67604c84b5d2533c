CREATE TABLE `assessment_results` (
	`round_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`tier` text NOT NULL,
	`own_score` real NOT NULL,
	`items` text NOT NULL,
	`complete` integer NOT NULL,
	`sample` text,
	`sample_seed` integer,
	`child_mean` real,
	`total` real NOT NULL,
	`rank` integer NOT NULL,
	`grade` text NOT NULL,
	PRIMARY KEY(`round_id`, `depot_id`),
	FOREIGN KEY (`round_id`) REFERENCES `assessment_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_results_rank_idx` ON `assessment_results` (`round_id`,`tier`,`rank`);--> statement-breakpoint
CREATE TABLE `assessment_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`rubric_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`scope_depot_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`computed_at` text,
	`finalised_by` integer,
	`finalised_at` text,
	FOREIGN KEY (`rubric_id`) REFERENCES `assessment_rubrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scope_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finalised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_rounds_depot_idx` ON `assessment_rounds` (`depot_id`,`year`);--> statement-breakpoint
CREATE TABLE `assessment_rubrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`tiers` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_rubrics_version_unique` ON `assessment_rubrics` (`version`);--> statement-breakpoint
CREATE TABLE `assessment_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`score` real NOT NULL,
	`note` text,
	`scored_by` integer NOT NULL,
	`scored_at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `assessment_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scored_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_scores_uq` ON `assessment_scores` (`round_id`,`depot_id`,`item_key`);--> statement-breakpoint
-- The shipped example rubric (server/domain/assessment-rubric.ts), version 1.
INSERT INTO assessment_rubrics (version, title, tiers, created_by, created_at) VALUES (1, '考核评估标准（示例，依据规范条文编制）', '{"city":[{"key":"reports_on_time","label":{"zh":"报表按时逐级上报（S0:370）","en":"Reports submitted on time, level by level (S0:370)"},"points":15,"source":"computed","indicator":"reports_on_time","rule":{"kind":"share","target":1}},{"key":"climate_compliance","label":{"zh":"库房温湿度记录合规（S0:325、380）","en":"Store climate log compliance (S0:325, 380)"},"points":10,"source":"computed","indicator":"climate_compliance","rule":{"kind":"share","target":0.95}},{"key":"fefo_compliance","label":{"zh":"近效期先出执行（S0:358、379）","en":"First-expiry-first-out followed (S0:358, 379)"},"points":10,"source":"computed","indicator":"fefo_compliance","rule":{"kind":"share","target":0.95}},{"key":"yearly_count_done","label":{"zh":"年度盘库完成（S0:384）","en":"Yearly stock count done (S0:384)"},"points":10,"source":"computed","indicator":"yearly_count_done","rule":{"kind":"done"}},{"key":"expiry_losses","label":{"zh":"过期失效损失（S0:379、421）","en":"Losses to expiry (S0:379, 421)"},"points":10,"source":"computed","indicator":"expiry_losses","rule":{"kind":"loss","limit":0.02}},{"key":"training_held","label":{"zh":"培训举办（S0:293）","en":"Training held (S0:293)"},"points":10,"source":"assessor","guidance":{"zh":"系统尚无培训记录，由考核人员查阅培训通知、签到和教材后评分。","en":"The system keeps no training record yet: the assessor scores from the notices, attendance lists and materials."}},{"key":"supervision_of_lower","label":{"zh":"对下级监督指导（S0:293-294、473-481）","en":"Supervision and guidance of the levels below (S0:293-294, 473-481)"},"points":15,"source":"assessor","guidance":{"zh":"查阅监督检查记录、整改跟踪。","en":"Supervision records and the follow-up of corrective actions."}},{"key":"accounts_archives","label":{"zh":"账目、票据与档案（S0:336-337、415）","en":"Accounts, vouchers and archives (S0:336-337, 415)"},"points":10,"source":"assessor","guidance":{"zh":"账物相符，出入库单、盘点表签字齐全，档案分类装订。","en":"Books match stock, vouchers and count sheets carry their signatures, archives bound by category."}},{"key":"special_funds","label":{"zh":"专款专用（S0:474）","en":"Special funds used for their purpose (S0:474)"},"points":10,"source":"assessor","guidance":{"zh":"药具经费专款专用，无挪用。","en":"Supply funds spent only on their purpose."}}],"county":[{"key":"reports_on_time","label":{"zh":"报表按时逐级上报（S0:370）","en":"Reports submitted on time, level by level (S0:370)"},"points":15,"source":"computed","indicator":"reports_on_time","rule":{"kind":"share","target":1}},{"key":"climate_compliance","label":{"zh":"库房温湿度记录合规（S0:325、380）","en":"Store climate log compliance (S0:325, 380)"},"points":10,"source":"computed","indicator":"climate_compliance","rule":{"kind":"share","target":0.95}},{"key":"fefo_compliance","label":{"zh":"近效期先出执行（S0:358、379）","en":"First-expiry-first-out followed (S0:358, 379)"},"points":10,"source":"computed","indicator":"fefo_compliance","rule":{"kind":"share","target":0.95}},{"key":"yearly_count_done","label":{"zh":"年度盘库完成（S0:384）","en":"Yearly stock count done (S0:384)"},"points":10,"source":"computed","indicator":"yearly_count_done","rule":{"kind":"done"}},{"key":"expiry_losses","label":{"zh":"过期失效损失（S0:379、421）","en":"Losses to expiry (S0:379, 421)"},"points":10,"source":"computed","indicator":"expiry_losses","rule":{"kind":"loss","limit":0.02}},{"key":"training_held","label":{"zh":"培训举办（S0:294）","en":"Training held (S0:294)"},"points":10,"source":"assessor","guidance":{"zh":"系统尚无培训记录，由考核人员查阅培训通知、签到和教材后评分。","en":"The system keeps no training record yet: the assessor scores from the notices, attendance lists and materials."}},{"key":"supervision_of_lower","label":{"zh":"对下级监督指导（S0:293-294、473-481）","en":"Supervision and guidance of the levels below (S0:293-294, 473-481)"},"points":10,"source":"assessor","guidance":{"zh":"查阅监督检查记录、整改跟踪。","en":"Supervision records and the follow-up of corrective actions."}},{"key":"accounts_archives","label":{"zh":"账目、票据与档案（S0:336-337、415）","en":"Accounts, vouchers and archives (S0:336-337, 415)"},"points":10,"source":"assessor","guidance":{"zh":"账物相符，出入库单、盘点表签字齐全，档案分类装订。","en":"Books match stock, vouchers and count sheets carry their signatures, archives bound by category."}},{"key":"special_funds","label":{"zh":"专款专用（S0:474）","en":"Special funds used for their purpose (S0:474)"},"points":15,"source":"assessor","guidance":{"zh":"药具经费专款专用，无挪用。","en":"Supply funds spent only on their purpose."}}],"township":[{"key":"reports_on_time","label":{"zh":"报表按时逐级上报（S0:370）","en":"Reports submitted on time, level by level (S0:370)"},"points":10,"source":"computed","indicator":"reports_on_time","rule":{"kind":"share","target":1}},{"key":"climate_compliance","label":{"zh":"库房温湿度记录合规（S0:325、380）","en":"Store climate log compliance (S0:325, 380)"},"points":10,"source":"computed","indicator":"climate_compliance","rule":{"kind":"share","target":0.95}},{"key":"fefo_compliance","label":{"zh":"近效期先出执行（S0:358、379）","en":"First-expiry-first-out followed (S0:358, 379)"},"points":10,"source":"computed","indicator":"fefo_compliance","rule":{"kind":"share","target":0.95}},{"key":"yearly_count_done","label":{"zh":"年度盘库完成（S0:384）","en":"Yearly stock count done (S0:384)"},"points":10,"source":"computed","indicator":"yearly_count_done","rule":{"kind":"done"}},{"key":"expiry_losses","label":{"zh":"过期失效损失（S0:379、421）","en":"Losses to expiry (S0:379, 421)"},"points":10,"source":"computed","indicator":"expiry_losses","rule":{"kind":"loss","limit":0.02}},{"key":"adverse_reaction_reporting","label":{"zh":"不良反应按时报告（S0:436-439）","en":"Adverse reactions reported on time (S0:436-439)"},"points":10,"source":"computed","indicator":"adverse_reaction_reporting","rule":{"kind":"share","target":1}},{"key":"training_held","label":{"zh":"培训举办（S0:295）","en":"Training held (S0:295)"},"points":10,"source":"assessor","guidance":{"zh":"系统尚无培训记录，由考核人员查阅培训通知、签到和教材后评分。","en":"The system keeps no training record yet: the assessor scores from the notices, attendance lists and materials."}},{"key":"register_follow_up","label":{"zh":"花名册与随访服务（S0:296、437）","en":"Users register and follow-up service (S0:296, 437)"},"points":15,"source":"assessor","guidance":{"zh":"花名册完整，随访按时，记录真实。","en":"The register is complete, follow-ups on time, records true."}},{"key":"dispensing_practice","label":{"zh":"发放程序与范围（S0:398、476-477）","en":"Dispensing steps and scope (S0:398, 476-477)"},"points":15,"source":"assessor","guidance":{"zh":"发放前查验包装和有效期，按规定范围发放并登记。","en":"Packs and expiry checked before dispensing, dispensed within scope and recorded."}}],"village":[{"key":"yearly_count_done","label":{"zh":"年度盘库完成（S0:384）","en":"Yearly stock count done (S0:384)"},"points":20,"source":"computed","indicator":"yearly_count_done","rule":{"kind":"done"}},{"key":"expiry_losses","label":{"zh":"过期失效损失（S0:379、421）","en":"Losses to expiry (S0:379, 421)"},"points":15,"source":"computed","indicator":"expiry_losses","rule":{"kind":"loss","limit":0.02}},{"key":"adverse_reaction_reporting","label":{"zh":"不良反应按时报告（S0:436-439）","en":"Adverse reactions reported on time (S0:436-439)"},"points":15,"source":"computed","indicator":"adverse_reaction_reporting","rule":{"kind":"share","target":1}},{"key":"supply_box","label":{"zh":"药具箱（柜）保管（S0:316）","en":"Keeping the supply box (S0:316)"},"points":20,"source":"assessor","guidance":{"zh":"药具箱专用、整洁，无过期药具。","en":"The box is kept for supplies only, clean, with nothing expired."}},{"key":"register_follow_up","label":{"zh":"花名册与随访服务（S0:296、437）","en":"Users register and follow-up service (S0:296, 437)"},"points":15,"source":"assessor","guidance":{"zh":"花名册完整，随访按时，记录真实。","en":"The register is complete, follow-ups on time, records true."}},{"key":"publicity","label":{"zh":"药具知识宣传与指导（S0:296）","en":"Publicity and guidance on contraceptive use (S0:296)"},"points":15,"source":"assessor","guidance":{"zh":"宣传资料在位，群众知晓。","en":"Materials on display; people know where to get supplies."}}]}', NULL, '2026-12-05T00:00:00.000Z');
--> statement-breakpoint
-- A rubric version a round has used never changes: changes are a new version.
CREATE TRIGGER assessment_rubrics_used_no_update BEFORE UPDATE ON assessment_rubrics
WHEN EXISTS (SELECT 1 FROM assessment_rounds WHERE rubric_id = OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'assessment_rubrics: a version in use is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_rubrics_used_no_delete BEFORE DELETE ON assessment_rubrics
WHEN EXISTS (SELECT 1 FROM assessment_rounds WHERE rubric_id = OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'assessment_rubrics: a version in use is immutable');
END;
--> statement-breakpoint
-- A finalised round is frozen: the round, its scores and its results.
CREATE TRIGGER assessment_rounds_finalised_frozen BEFORE UPDATE ON assessment_rounds
WHEN OLD.status = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_rounds: a finalised round is frozen');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_rounds_no_delete BEFORE DELETE ON assessment_rounds
BEGIN
  SELECT RAISE(ABORT, 'assessment_rounds is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_scores_frozen_insert BEFORE INSERT ON assessment_scores
WHEN (SELECT status FROM assessment_rounds WHERE id = NEW.round_id) = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_scores: the round is finalised');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_scores_frozen_update BEFORE UPDATE ON assessment_scores
WHEN (SELECT status FROM assessment_rounds WHERE id = OLD.round_id) = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_scores: the round is finalised');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_scores_frozen_delete BEFORE DELETE ON assessment_scores
WHEN (SELECT status FROM assessment_rounds WHERE id = OLD.round_id) = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_scores: the round is finalised');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_results_frozen_insert BEFORE INSERT ON assessment_results
WHEN (SELECT status FROM assessment_rounds WHERE id = NEW.round_id) = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_results: the round is finalised');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_results_frozen_update BEFORE UPDATE ON assessment_results
WHEN (SELECT status FROM assessment_rounds WHERE id = OLD.round_id) = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_results: the round is finalised');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_results_frozen_delete BEFORE DELETE ON assessment_results
WHEN (SELECT status FROM assessment_rounds WHERE id = OLD.round_id) = 'finalised'
BEGIN
  SELECT RAISE(ABORT, 'assessment_results: the round is finalised');
END;
