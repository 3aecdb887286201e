ALTER TABLE `invites` ADD `label` text DEFAULT 'patient' NOT NULL;--> statement-breakpoint
ALTER TABLE `invites` ADD `created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invites` ADD `replaced_by` text;