CREATE TABLE `join_codes` (
	`invite_id` text PRIMARY KEY NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`invite_id`) REFERENCES `invites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `join_codes_code_hash_unique` ON `join_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `join_codes_expires_at` ON `join_codes` (`expires_at`);--> statement-breakpoint
ALTER TABLE `practices` ADD `join_code_day` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `join_code_wrong_that_day` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing practices get a valid, unique short name ("p" and 12 random hex digits: 48 bits, so two never
-- meet in practice); the admin chooses a better one on the practice page. SQL cannot transliterate names.
UPDATE `practices` SET `short_name` = 'p' || lower(hex(randomblob(6))) WHERE `short_name` IS NULL;
