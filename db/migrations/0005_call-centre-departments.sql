CREATE TABLE `agent_statuses` (
	`person_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`department_id` text,
	`reason` text,
	`until` integer,
	`pending_pause_reason` text,
	`since` integer NOT NULL,
	`last_call_ended_at` integer,
	`calls_taken` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "agent_statuses_state_check" CHECK("agent_statuses"."state" IN ('logged-out', 'available', 'ringing', 'on-call', 'wrap-up', 'paused'))
);
--> statement-breakpoint
CREATE TABLE `department_members` (
	`department_id` text NOT NULL,
	`person_id` text NOT NULL,
	`penalty` integer DEFAULT 0 NOT NULL,
	`logged_in` integer DEFAULT false NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`department_id`, `person_id`),
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "department_members_penalty_check" CHECK("department_members"."penalty" BETWEEN 0 AND 99)
);
--> statement-breakpoint
CREATE INDEX `department_members_person_idx` ON `department_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`strategy` text DEFAULT 'ring-all' NOT NULL,
	`agent_ring_seconds` integer DEFAULT 15 NOT NULL,
	`retry_seconds` integer DEFAULT 5 NOT NULL,
	`wrap_up_seconds` integer DEFAULT 10 NOT NULL,
	`widen_penalty_every_seconds` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "departments_strategy_check" CHECK("departments"."strategy" IN ('ring-all', 'longest-idle', 'round-robin', 'fewest-calls', 'random', 'linear', 'weighted-random'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_unique` ON `departments` (lower("name"));