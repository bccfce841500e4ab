-- The daily jobs' runs (core/daily_job.h, store/daily_job_runs.h): one row per job and Shanghai day,
-- claimed before the run and marked done or failed after it, so a job runs once a day across restarts
-- and across the instances sharing a database.
-- Portable SQL: the same text runs on SQLite and PostgreSQL. Times are UTC milliseconds (BIGINT).

CREATE TABLE daily_job_runs (
    job TEXT NOT NULL,
    shanghai_day BIGINT NOT NULL,          -- days since 1970-01-01 in Shanghai time
    run_date TEXT NOT NULL,                -- the same day as 'YYYY-MM-DD', for people reading the table
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    claimed_by TEXT NOT NULL,              -- the claiming process's instance id
    claimed_at_ms BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    finished_at_ms BIGINT,
    summary TEXT,                          -- what the run did, or why it failed
    PRIMARY KEY (job, shanghai_day)
);
