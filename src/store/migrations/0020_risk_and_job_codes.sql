-- Risk flags, refused payments and daily-job runs say what they found as a stable code with parameters (a JSON
-- object), beside the English text kept for the API log, so that a client writes the sentence in
-- its reader's language (src/projects/risk_codes.h, src/core/job_summary.h). Rows written before
-- this migration keep an empty code and their English text.
ALTER TABLE risk_flags ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE risk_flags ADD COLUMN params_json TEXT NOT NULL DEFAULT '{}';
-- A refused payment's reason likewise (a risk code or a problem code, projects/payment_service.cpp).
ALTER TABLE payment_requests ADD COLUMN refusal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_requests ADD COLUMN refusal_params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE daily_job_runs ADD COLUMN summary_code TEXT NOT NULL DEFAULT '';
ALTER TABLE daily_job_runs ADD COLUMN summary_params TEXT NOT NULL DEFAULT '{}';
