CREATE TABLE `org_units` (
	`id` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`path` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_units_path` ON `org_units` (`path`);--> statement-breakpoint
CREATE INDEX `org_units_parent` ON `org_units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `unit_invites` (
	`token` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_by` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `unit_memberships` (
	`unit_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`unit_id`, `user_id`),
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unit_memberships_user` ON `unit_memberships` (`user_id`);--> statement-breakpoint
ALTER TABLE `townships` ADD `county_unit_id` text REFERENCES org_units(id);--> statement-breakpoint
ALTER TABLE `townships` ADD `unit_path` text;--> statement-breakpoint
CREATE INDEX `townships_unit_path` ON `townships` (`unit_path`);