ALTER TABLE `practices` ADD `short_name` text;--> statement-breakpoint
-- Existing practices get a valid, unique placeholder ("p" and 12 random hex digits: 48 bits, so two never
-- meet in practice); the admin chooses a better one on the practice page. SQL cannot transliterate names.
UPDATE `practices` SET `short_name` = 'p' || lower(hex(randomblob(6))) WHERE `short_name` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `practices_short_name` ON `practices` (`short_name`);
