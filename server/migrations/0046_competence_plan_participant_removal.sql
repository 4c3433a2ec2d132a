-- The plan's owner may remove a participating organisation (ADR 0044). The efforts it entered stay
-- in the plan under its name; it no longer reads the plan or changes them.
grant delete on competence_plan_participants to upptack_app;
