copy feedback (code, agency_id, topic, received_at, due_at, handled_at, satisfied) from stdin (format binary)
