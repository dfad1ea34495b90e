CREATE TABLE `wecom_cards` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`message_id` integer NOT NULL,
	`choices` text NOT NULL,
	`response_code` text,
	`sent_at` integer NOT NULL
);
