ALTER TABLE `practices` ADD `waiting_idle_limit_minutes` integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE `practices` ADD `deny_pause_minutes` integer DEFAULT 5 NOT NULL;