CREATE TABLE `invitation_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`invite_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`lead_minutes` integer NOT NULL,
	`send_at` integer NOT NULL,
	`sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`invite_id`) REFERENCES `invites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invitation_reminders_send_at` ON `invitation_reminders` (`send_at`);--> statement-breakpoint
CREATE INDEX `invitation_reminders_appointment` ON `invitation_reminders` (`appointment_id`);--> statement-breakpoint
ALTER TABLE `practices` ADD `messages_day` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `messages_that_day` integer DEFAULT 0 NOT NULL;