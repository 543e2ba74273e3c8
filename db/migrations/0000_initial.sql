CREATE TABLE `audio_files` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`path` text NOT NULL,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `call_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`node_id` text,
	`node_type` text,
	`branch` text,
	`digits` text,
	`version_id` text,
	`detail` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_events_call_seq_unique` ON `call_events` (`call_id`,`seq`);--> statement-breakpoint
CREATE INDEX `call_events_version_node_idx` ON `call_events` (`version_id`,`node_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`dialled_number` text NOT NULL,
	`caller_number` text DEFAULT '' NOT NULL,
	`caller_name` text DEFAULT '' NOT NULL,
	`simulated` integer DEFAULT false NOT NULL,
	`flow_id` text,
	`version_id` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`outcome` text,
	`reason` text,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `flow_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calls_started_idx` ON `calls` (`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_flow_started_idx` ON `calls` (`flow_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_number_started_idx` ON `calls` (`dialled_number`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_outcome_started_idx` ON `calls` (`outcome`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_running_idx` ON `calls` (`flow_id`,`channel_id`) WHERE "calls"."ended_at" IS NULL;--> statement-breakpoint
CREATE TABLE `conference_recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`audio_path` text NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `conference_rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conference_recordings_room_idx` ON `conference_recordings` (`room_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `conference_rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`options` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conference_rooms_number_unique` ON `conference_rooms` (`number`);--> statement-breakpoint
CREATE TABLE `flow_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`number` integer NOT NULL,
	`document` text NOT NULL,
	`author` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`published_at` integer NOT NULL,
	`source_revision` integer,
	`reverted_from` integer,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flow_versions_flow_number_unique` ON `flow_versions` (`flow_id`,`number`);--> statement-breakpoint
CREATE TABLE `flows` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`draft` text NOT NULL,
	`draft_numbers` text DEFAULT '[]' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE INDEX `flows_updated_idx` ON `flows` (`archived_at`,`updated_at`);--> statement-breakpoint
CREATE TABLE `number_bindings` (
	`number` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`version_id` text NOT NULL,
	`bound_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `flow_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `number_bindings_flow_idx` ON `number_bindings` (`flow_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`extension` text NOT NULL,
	`display_name` text NOT NULL,
	`email` text,
	`language` text DEFAULT 'fr-FR' NOT NULL,
	`sip_md5_cred` text NOT NULL,
	`voicemail_pin_hash` text NOT NULL,
	`pin_failed_attempts` integer DEFAULT 0 NOT NULL,
	`pin_locked_until` integer,
	`greeting_path` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_extension_unique` ON `users` (`extension`);--> statement-breakpoint
CREATE TABLE `voicemail_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`box` text NOT NULL,
	`user_id` text,
	`caller_number` text DEFAULT '' NOT NULL,
	`caller_name` text DEFAULT '' NOT NULL,
	`received_at` integer NOT NULL,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	`audio_path` text NOT NULL,
	`heard_at` integer,
	`deleted_at` integer,
	`call_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `voicemail_box_received_idx` ON `voicemail_messages` (`box`,`received_at`);