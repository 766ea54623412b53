copy plan_task (agency_id, plan_year, code, title, due_on, completed_on, output) from stdin (format binary)
