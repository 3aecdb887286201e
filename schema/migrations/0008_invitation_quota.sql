ALTER TABLE `practices` ADD `invitations_day` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `invitations_that_day` integer DEFAULT 0 NOT NULL;