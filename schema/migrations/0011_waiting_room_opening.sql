ALTER TABLE `practices` ADD `invite_grace_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `waiting_room_opens_minutes` integer DEFAULT 15 NOT NULL;