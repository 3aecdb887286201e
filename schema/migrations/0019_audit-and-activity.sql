CREATE TABLE `activity_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`practice_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`duration_seconds` integer NOT NULL,
	`participants` integer NOT NULL,
	`relayed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`practice_id`) REFERENCES `practices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activity_entries_practice_started` ON `activity_entries` (`practice_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `activity_entries_started` ON `activity_entries` (`started_at`);--> statement-breakpoint
CREATE TABLE `audit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`practice_id` text NOT NULL,
	`action` text NOT NULL,
	`actor_name` text NOT NULL,
	`target_name` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`practice_id`) REFERENCES `practices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_entries_practice_at` ON `audit_entries` (`practice_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_entries_at` ON `audit_entries` (`at`);--> statement-breakpoint
ALTER TABLE `practices` ADD `activity_log_on` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `activity_log_days` integer DEFAULT 90 NOT NULL;