CREATE TABLE `account_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_tokens_provider` ON `account_tokens` (`provider_id`);--> statement-breakpoint
CREATE INDEX `account_tokens_expires_at` ON `account_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `member_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`practice_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`practice_id`) REFERENCES `practices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_invitations_token_hash_unique` ON `member_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `member_invitations_practice` ON `member_invitations` (`practice_id`);--> statement-breakpoint
CREATE INDEX `member_invitations_expires_at` ON `member_invitations` (`expires_at`);--> statement-breakpoint
CREATE TABLE `practices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`contact_line` text DEFAULT '' NOT NULL,
	`require_totp` integer DEFAULT false NOT NULL,
	`appointment_retention_days` integer DEFAULT 30 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_provider` ON `recovery_codes` (`provider_id`);--> statement-breakpoint
-- Hand-edited. SQLite can add a foreign-key column only as nullable, and rebuilding `providers` would
-- cascade-delete their appointments on D1 (which ignores PRAGMA foreign_keys). So the column is nullable
-- in the database and NOT NULL in schema/tables.ts; the app always sets it.
ALTER TABLE `providers` ADD `practice_id` text REFERENCES practices(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `providers` ADD `role` text DEFAULT 'provider' NOT NULL;--> statement-breakpoint
ALTER TABLE `providers` ADD `email_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `providers` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `providers` ADD `time_zone` text DEFAULT 'Europe/Berlin' NOT NULL;--> statement-breakpoint
ALTER TABLE `providers` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `providers` ADD `totp_last_step` integer;--> statement-breakpoint
CREATE INDEX `providers_practice` ON `providers` (`practice_id`);--> statement-breakpoint
-- Every existing provider becomes the admin of a practice of their own, with a confirmed address.
INSERT INTO `practices` (`id`, `name`, `created_at`) SELECT `id`, `display_name`, `created_at` FROM `providers`;--> statement-breakpoint
UPDATE `providers` SET `practice_id` = `id`, `role` = 'admin', `email_confirmed_at` = `created_at`;--> statement-breakpoint
-- Sessions gain idle expiry and a browser family: existing ones end (their providers log in again).
DELETE FROM `sessions`;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `browser` text DEFAULT 'other' NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_provider` ON `sessions` (`provider_id`);