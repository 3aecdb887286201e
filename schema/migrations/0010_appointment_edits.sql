ALTER TABLE `appointments` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `appointments` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `sequence` integer DEFAULT 0 NOT NULL;