-- The national strategy's forms of violence, recorded and counted apart (issue 20, ADR 0097):
-- genital mutilation, forced and child marriage apart from other honour-related violence;
-- prostitution and trafficking (sexual purposes or labour, adult or child) apart from other sexual
-- exploitation; sexual harassment. Rows recorded as `honour` or `exploitation` before the split
-- cannot be divided after the fact: they keep their code, which now reads "not specified". The
-- follow-up rollups keep the form as a free code, so they count the new forms without change.
alter table screening_encounter_forms drop constraint screening_encounter_forms_form_check;
alter table screening_encounter_forms add constraint screening_encounter_forms_form_check check (form in (
  'physical', 'psychological', 'sexual', 'sexual_harassment', 'economic', 'threats', 'control',
  'honour', 'fgm', 'forced_marriage', 'child_marriage', 'digital',
  'exploitation', 'prostitution', 'trafficking_sexual_adult', 'trafficking_sexual_child', 'trafficking_labour_adult', 'trafficking_labour_child',
  'other'));
