CREATE TABLE `staff_person_links` (
	`account_id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	`linked_by` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_person_links_person_id_unique` ON `staff_person_links` (`person_id`);