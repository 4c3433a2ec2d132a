-- screening_process_labels (0075) is the one SECURITY DEFINER function without app.system on: it
-- relied on its owner being a superuser, who bypasses row-level security. An owner that is no
-- superuser (ADR 0081) is held by FORCE row-level security like anyone else, so the function saw no
-- other organisation's process and national figures read "Process" again.
alter function screening_process_labels(uuid[]) set app.system = 'on';
