copy dossier_event (dossier_id, kind, occurred_at, new_due_at) from stdin (format binary, freeze)
