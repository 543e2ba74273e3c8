CREATE TABLE `queue_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text,
	`department` text NOT NULL,
	`priority` integer NOT NULL,
	`seq` integer NOT NULL,
	`caller_number` text DEFAULT '' NOT NULL,
	`entered_at` integer NOT NULL,
	`position_at_entry` integer NOT NULL,
	`left_at` integer,
	`outcome` text,
	`wait_ms` integer,
	`answered_by` text,
	`offers` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `queue_calls_department_entered_idx` ON `queue_calls` (`department`,`entered_at`);--> statement-breakpoint
CREATE INDEX `queue_calls_call_idx` ON `queue_calls` (`call_id`);--> statement-breakpoint
CREATE TABLE `queue_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`department` text NOT NULL,
	`priority` integer NOT NULL,
	`seq` integer NOT NULL,
	`entered_at` integer NOT NULL,
	`kind` text NOT NULL,
	`channel_id` text,
	`call_id` text,
	`caller_number` text DEFAULT '' NOT NULL,
	`caller_name` text DEFAULT '' NOT NULL,
	`callback_endpoint` text,
	`callback_attempts` integer DEFAULT 0 NOT NULL,
	`history_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `queue_entries_order_idx` ON `queue_entries` (`department`,`priority`,`seq`);