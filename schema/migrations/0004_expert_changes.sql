-- The expert list filters and sorts in memory (src/experts/expert_index.*): at 100,000 experts,
-- SQLite needs one B-tree seek per member of a field or pool to check another filter, 20-30 ms
-- for a large pool, where a scan of a compact in-memory copy takes about a millisecond.
-- This log tells every server process which experts changed since its copy was made, whoever
-- wrote them (the server, `zhiku import`, a migration). Kept to the last 100,000 changes or so
-- (pruned a thousand at a time); a copy older than that reloads whole.
CREATE TABLE expert_changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  expert_id INTEGER NOT NULL
);

CREATE TRIGGER expert_changes_prune AFTER INSERT ON expert_changes WHEN new.seq % 1000 = 0 BEGIN
  DELETE FROM expert_changes WHERE seq <= new.seq - 100000;
END;

CREATE TRIGGER experts_changed_insert AFTER INSERT ON experts BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (new.id);
END;
CREATE TRIGGER experts_changed_update AFTER UPDATE ON experts BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (new.id);
END;
CREATE TRIGGER experts_changed_delete AFTER DELETE ON experts BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (old.id);
END;
CREATE TRIGGER expert_fields_changed_insert AFTER INSERT ON expert_fields BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (new.expert_id);
END;
CREATE TRIGGER expert_fields_changed_update AFTER UPDATE ON expert_fields BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (old.expert_id);
  INSERT INTO expert_changes (expert_id) VALUES (new.expert_id);
END;
CREATE TRIGGER expert_fields_changed_delete AFTER DELETE ON expert_fields BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (old.expert_id);
END;
CREATE TRIGGER expert_pools_changed_insert AFTER INSERT ON expert_pools BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (new.expert_id);
END;
CREATE TRIGGER expert_pools_changed_update AFTER UPDATE ON expert_pools BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (old.expert_id);
  INSERT INTO expert_changes (expert_id) VALUES (new.expert_id);
END;
CREATE TRIGGER expert_pools_changed_delete AFTER DELETE ON expert_pools BEGIN
  INSERT INTO expert_changes (expert_id) VALUES (old.expert_id);
END;

-- Indexes that only served the SQL list plans; every insert and update paid for them.
DROP INDEX experts_filter;
DROP INDEX experts_by_id;
DROP INDEX experts_name;
DROP INDEX experts_updated;
DROP INDEX experts_birth_year;
DROP INDEX experts_status;
DROP INDEX experts_title;
DROP INDEX experts_category;
DROP INDEX experts_country;
DROP INDEX experts_academician;
DROP INDEX experts_organization;
DROP INDEX experts_confirmed;
