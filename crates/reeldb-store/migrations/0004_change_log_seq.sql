-- Every write transaction starts from MAX(seq); without an index that is a scan of the whole
-- change log, which made long imports slow down as the log grew.
CREATE INDEX change_log_seq ON change_log (seq);
