-- Every SECURITY DEFINER function runs with app.system on (system-role.db.test.ts, ADR 0086): its
-- owner is held by FORCE row-level security too, and only the system policies let it read the
-- units of other organisations that completeness names (migration 0150).
alter function follow_up_screening_units(uuid[]) set app.system = 'on';
