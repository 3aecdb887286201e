CREATE TABLE `consent_texts` (
	`practice_id` text NOT NULL,
	`version` integer NOT NULL,
	`text_en` text NOT NULL,
	`text_de` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`practice_id`, `version`),
	FOREIGN KEY (`practice_id`) REFERENCES `practices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `practice_logos` (
	`practice_id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`content_type` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`practice_id`) REFERENCES `practices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `practice_logos_hash` ON `practice_logos` (`hash`);--> statement-breakpoint
ALTER TABLE `practices` ADD `brand_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `brand_colour` text DEFAULT '' NOT NULL;