CREATE TABLE `reminder_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`chat_id` integer NOT NULL,
	`township_id` text NOT NULL,
	`subject` text NOT NULL,
	`kind` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claim_id` text,
	`claimed_at` integer,
	`sent_at` integer,
	`message_id` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_outbox_key_chat` ON `reminder_outbox` (`key`,`chat_id`);--> statement-breakpoint
CREATE INDEX `reminder_outbox_status_chat` ON `reminder_outbox` (`status`,`chat_id`);--> statement-breakpoint
CREATE INDEX `reminder_outbox_claim` ON `reminder_outbox` (`claim_id`);--> statement-breakpoint
CREATE TABLE `reminder_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`muted` integer DEFAULT false NOT NULL,
	`snoozed_until` integer,
	`blocked_at` integer,
	`locale` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reminder_state` (
	`id` text PRIMARY KEY NOT NULL,
	`planned_date` text,
	`cursor` text,
	`audit_id` integer DEFAULT 0 NOT NULL,
	`planned_at` integer DEFAULT 0 NOT NULL
);
