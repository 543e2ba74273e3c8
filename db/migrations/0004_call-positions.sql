CREATE TABLE `call_positions` (
	`call_id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`node_id` text NOT NULL,
	`variables` text NOT NULL,
	`hold` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
