-- Published flow versions are history: calls point at them and a revert re-publishes them. No code path may change
-- or remove one, and these triggers make the database itself refuse, whoever asks.
CREATE TRIGGER `flow_versions_no_update` BEFORE UPDATE ON `flow_versions`
BEGIN
	SELECT RAISE(ABORT, 'flow_versions rows are immutable: publish a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `flow_versions_no_delete` BEFORE DELETE ON `flow_versions`
BEGIN
	SELECT RAISE(ABORT, 'flow_versions rows are immutable: they are never deleted');
END;
