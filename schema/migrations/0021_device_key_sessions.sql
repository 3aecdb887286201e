ALTER TABLE `device_keys` ADD `session_hash` text REFERENCES sessions(token_hash) ON DELETE SET NULL;
