CREATE TABLE `calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Paris' NOT NULL,
	`holidays` text,
	`weekly_hours` text NOT NULL,
	`closures` text DEFAULT '[]' NOT NULL,
	`override` text,
	`feature_code` text,
	`feature_code_users` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendars_name_unique` ON `calendars` (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX `calendars_feature_code_unique` ON `calendars` (`feature_code`);