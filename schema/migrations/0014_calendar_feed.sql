CREATE TABLE `calendar_feeds` (
	`provider_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`include_details` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);