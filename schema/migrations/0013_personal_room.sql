CREATE TABLE `walk_in_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`text_version` text NOT NULL,
	`language` text NOT NULL,
	`consented_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `walk_in_consents_provider` ON `walk_in_consents` (`provider_id`);--> statement-breakpoint
CREATE INDEX `walk_in_consents_at` ON `walk_in_consents` (`consented_at`);--> statement-breakpoint
ALTER TABLE `practices` ADD `short_name` text;--> statement-breakpoint
CREATE UNIQUE INDEX `practices_short_name` ON `practices` (`short_name`);--> statement-breakpoint
ALTER TABLE `providers` ADD `personal_room_name` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `personal_room_on` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `providers_personal_room` ON `providers` (`practice_id`,`personal_room_name`);