CREATE TABLE `wecom_cards` (
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`response_code` text,
	`choices` text,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `wecom_cards_chat_sent` ON `wecom_cards` (`chat_id`,`sent_at`);