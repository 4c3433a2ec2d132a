-- "Share of caseworkers who asked" (Bilaga 3, FK's indicator 3) counts against every caseworker of
-- the unit (issue 20, ADR 0116): version 2 divides the caseworkers by job role who asked at least
-- once in the period by all caseworkers by job role in the unit at the period's end, instead of by
-- the caseworkers who happened to record an eligible encounter. Version 1 stays for the reports
-- that snapshot it (indicator versions never change).
insert into follow_up_indicator_versions (code, version, name_sv, name_en, definition_sv, definition_en, numerator, denominator, unit, disaggregations, goal, joint_area, direction, valid_from) values
  ('fk.caseworkers_asking', 2, 'Andel handläggare som ställt frågor om våld', 'Share of caseworkers who asked about violence',
   'Handläggare (befattning) som frågat om våld vid minst ett frågetillfälle under perioden, delat med alla handläggare (befattning) i enheten vid periodens slut, också de som inte registrerat något (färdplanen, bilaga 3).',
   'Caseworkers (job role) who asked about violence at least once in the period, divided by every caseworker (job role) in the unit at the period''s end, including those who recorded nothing (roadmap, annex 3).',
   'screening.caseworkers_asked', 'staff.caseworkers', 'share', array['agency', 'unit', 'month', 'quarter', 'year'], 'detection_support', 'staff_support', 'higher', '2026-01-01');
