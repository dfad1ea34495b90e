CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` text,
	`user_id` integer NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`detail` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_township` ON `audit_log` (`township_id`,`id`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`township_id` text NOT NULL,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`birth_date` text NOT NULL,
	`id_number_masked` text,
	`id_number_hash` text,
	`political_status` text NOT NULL,
	`establishment` text NOT NULL,
	`sector` text NOT NULL,
	`post` text NOT NULL,
	`commitment` text NOT NULL,
	`channel` text NOT NULL,
	`signatures` integer,
	`local_tie` integer NOT NULL,
	`mobile` text,
	`education` text,
	`workplace` text,
	`relaxation_reason` text,
	`status` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `candidates_township` ON `candidates` (`township_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_township_id_hash` ON `candidates` (`township_id`,`id_number_hash`);--> statement-breakpoint
CREATE TABLE `invites` (
	`token` text PRIMARY KEY NOT NULL,
	`township_id` text NOT NULL,
	`created_by` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `local_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`from_bot` integer NOT NULL,
	`kind` text DEFAULT 'message' NOT NULL,
	`text` text NOT NULL,
	`reply_markup` text,
	`document_name` text,
	`document_data` blob,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`edited_at` integer,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `local_messages_chat_revision` ON `local_messages` (`chat_id`,`revision`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`township_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`township_id`, `user_id`),
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `processed_updates` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processed_updates_claimed_at` ON `processed_updates` (`claimed_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `speech_scores` (
	`township_id` text NOT NULL,
	`judge` text NOT NULL,
	`candidate_id` text NOT NULL,
	`score` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	PRIMARY KEY(`township_id`, `judge`, `candidate_id`),
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `step_records` (
	`township_id` text NOT NULL,
	`step_id` text NOT NULL,
	`values` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`township_id`, `step_id`),
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `townships` (
	`id` text PRIMARY KEY NOT NULL,
	`province` text NOT NULL,
	`city` text NOT NULL,
	`county` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`profile_id` text NOT NULL,
	`custom_rules` text,
	`custom_note` text,
	`party_election_date` text,
	`planned_election_date` text,
	`seats` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`active_township_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
