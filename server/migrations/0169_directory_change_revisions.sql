-- Issue 22 (ADR 0112): a change returned by the second editor is shown to its author with the
-- reviewer's comment until the author revises it. A revision is a new pending change that names
-- the returned one it replaces; a returned change can be revised once. The author writes the new
-- change as themselves, so the returned row itself is never updated by its author (the row policy
-- of migration 0145 holds).
alter table directory_changes add column revises uuid references directory_changes (id);
create unique index directory_changes_revises on directory_changes (revises) where revises is not null;
