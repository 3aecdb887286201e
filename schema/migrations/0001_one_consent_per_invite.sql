-- Earlier joins could write several records for one link: keep the latest of each before the index.
DELETE FROM `consents` WHERE `rowid` NOT IN (SELECT max(`rowid`) FROM `consents` GROUP BY `invite_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `consents_invite` ON `consents` (`invite_id`);
