-- One reminder per invitation: of any earlier duplicates, the newest is kept.
DELETE FROM `invitation_reminders` WHERE `rowid` NOT IN (SELECT max(`rowid`) FROM `invitation_reminders` GROUP BY `invite_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_reminders_invite` ON `invitation_reminders` (`invite_id`);
